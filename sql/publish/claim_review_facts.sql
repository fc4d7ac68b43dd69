-- Which reconciled fact each claim belongs to and whether it supports it, unnested once into a temporary table
-- (narrow: ids and a flag) that claimreview.jsonld's ranges of sources are joined with, instead of unnesting every
-- fact's claim lists again for each range.
create or replace temp table claim_review_facts as
select
    f.fact_key,
    unnest(f.supporting_claim_ids) as claim_id,
    true as agrees
from reconciled_facts as f
union all
select
    f.fact_key,
    unnest(f.dissenting_claim_ids) as claim_id,
    false as agrees
from reconciled_facts as f;
