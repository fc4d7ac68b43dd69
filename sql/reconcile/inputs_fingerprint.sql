-- the claims as reconciliation reads them (the columns of statements.sql), summarised as their row count and the
-- sum of their rows' hashes: equal summaries mean equal claims, in any order (partial_basis.sql summarises the
-- reference facts and reviews the same way; incremental.inputs_fingerprint reads both).
select
    (
        select rows_digest(s)
        from (
            select
                c.claim_id, c.doc_id, c.source, c.model, c.metric, c.tier, c.setting, c.unit, c.value,
                c.value_high, c.value_text, c.bound, c.approx, c.hedged, c.as_of, c.quote, c.modality, c.currency,
                d.published_at
            from claims as c
            inner join documents as d on c.doc_id = d.doc_id
        ) as s
    ) as claims;
