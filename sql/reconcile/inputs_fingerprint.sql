-- what reconciliation reads (the columns of statements.sql, reference_statements.sql and reviews.sql), each table
-- summarised as its row count and the sum of its rows' hashes: equal summaries mean equal inputs, in any order.
select
    (
        select count(*) || ':' || coalesce(sum(hash(s)::hugeint) % 18446744073709551616, 0)
        from (
            select
                c.claim_id, c.doc_id, c.source, c.model, c.metric, c.tier, c.setting, c.unit, c.value,
                c.value_high, c.value_text, c.bound, c.approx, c.hedged, c.as_of, c.quote, c.modality, c.currency,
                d.published_at
            from claims as c
            inner join documents as d on c.doc_id = d.doc_id
        ) as s
    ) as claims,
    (
        select count(*) || ':' || coalesce(sum(hash(s)::hugeint) % 18446744073709551616, 0)
        from (
            select
                ref_id, ref_source, model, snapshot, metric, unit, tier, setting, value, value_text, valid_from,
                valid_to, citation
            from reference_facts
        ) as s
    ) as reference_facts,
    (
        select count(*) || ':' || coalesce(sum(hash(s)::hugeint) % 18446744073709551616, 0)
        from (
            select review_id, target, decision, value, value_text, note, reviewer, decided_at
            from reviews
        ) as s
    ) as reviews;
