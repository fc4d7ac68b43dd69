-- what claimreview.jsonld is made from (the rows of claim_verdicts.sql, unordered) as a row count and the sum of
-- the rows' hashes: equal summaries mean an equal file, so a run with the stored summary keeps the file.
with fact_claims as (
    select f.*, unnest(f.supporting_claim_ids) as claim_id, true as agrees from reconciled_facts as f
    union all
    select f.*, unnest(f.dissenting_claim_ids) as claim_id, false as agrees from reconciled_facts as f
)

select rows_digest(s) as inputs
from (
    select
        c.claim_id, c.model, c.metric, c.unit, c.value, c.value_text, c.approx, c.quote, c.source, c.span_start,
        d.location, d.kind, d.title, d.published_at,
        fc.value as fact_value, fc.value_text as fact_text, fc.status, fc.confidence, fc.method, fc.agrees
    from fact_claims as fc
    inner join claims as c on fc.claim_id = c.claim_id
    inner join documents as d on c.doc_id = d.doc_id
) as s;
