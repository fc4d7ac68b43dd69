-- the stored results of some facts: their model, claims (supporting and dissenting) and conflicts, and the
-- conflicts between related tasks of some documents (their key is no fact's).
select
    f.fact_key, f.model, f.supporting_claim_ids, f.dissenting_claim_ids,
    coalesce((select list(c.conflict_id) from conflicts as c where c.fact_key = f.fact_key), []) as conflict_ids
from reconciled_facts as f
where list_contains($keys, f.fact_key);
