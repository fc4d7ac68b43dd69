-- every claim with the reconciled fact it belongs to and whether it supports it, as rows (claim_reviews.sql
-- builds the published JSON from the same join; tests check one against the other).
with fact_claims as (
    select f.*, unnest(f.supporting_claim_ids) as claim_id, true as agrees from reconciled_facts as f
    union all
    select f.*, unnest(f.dissenting_claim_ids) as claim_id, false as agrees from reconciled_facts as f
)

select
    fc.fact_key, c.claim_id, c.model, c.metric, c.unit, c.value, c.value_text, c.approx, c.quote, c.source,
    d.location, d.kind, d.title, d.published_at,
    fc.value as fact_value, fc.value_text as fact_text, fc.status, fc.confidence, fc.method, fc.agrees
from fact_claims as fc
join claims as c using (claim_id)
join documents as d on d.doc_id = c.doc_id
order by fc.fact_key, c.source, c.span_start, c.claim_id;
