-- the claims per model as stated (raw) with the base model it is read as, in base model order: how
-- pipeline/reconcile/batched.py cuts the claims into batches of whole base models.
select base_model(model) as base, model as raw, count(*) as n_claims
from claims
group by model
order by base, raw;
