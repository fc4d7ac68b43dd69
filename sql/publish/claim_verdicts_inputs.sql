-- what claimreview.jsonld is made from, read without touching a claim (O(documents)): the reconciliation's stored
-- state (the facts follow from it, and its inputs cover every claim), the document fields the file shows, and the
-- bookkeeping of the extraction and the imports that wrote the claims.
select
    (
        select rows_digest(s)
        -- its columns but the times (equal results recomputed at another time are the same inputs)
        from (select columns(lambda c: not ends_with(c, '_at')) from bookkeeping.reconcile_state) as s
    ) || '/' || (
        select count(*) || ':' || coalesce(sum(hash(
            d.doc_id, d.sha256, d.source, d.location, d.kind, d.title, d.published_at
        )::hugeint) % 18446744073709551616, 0)
        from documents as d
    ) || '/' || (
        select count(*) || ':' || coalesce(sum(hash(e.doc_id, e.sha256, e.extractor, e.n_claims)::hugeint)
            % 18446744073709551616, 0)
        from extraction_state as e
    ) || '/' || (
        select count(*) || ':' || coalesce(sum(hash(i.extractor, i.sha256, i.docs_key, i.n_claims)::hugeint)
            % 18446744073709551616, 0)
        from claim_imports as i
    ) as inputs;
