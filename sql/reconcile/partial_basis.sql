-- partial_basis: the reference facts and the reviews (the columns of reference_statements.sql and reviews.sql),
-- each summarised as its row count and the sum of its rows' hashes: what partial.py's basis reads, without a hash
-- of every claim; with inputs_fingerprint.sql's claims, what incremental.inputs_fingerprint reads.
select
    (
        select rows_digest(s)
        from (
            select
                ref_id, ref_source, model, snapshot, metric, unit, tier, setting, value, value_text, valid_from,
                valid_to, citation
            from reference_facts
        ) as s
    ) as reference_facts,
    (
        select rows_digest(s)
        from (
            select review_id, target, decision, value, value_text, note, reviewer, decided_at
            from reviews
        ) as s
    ) as reviews;
