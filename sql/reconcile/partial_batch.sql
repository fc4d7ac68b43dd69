-- partial_batch: the claims of the temporary table partial_rows (partial_rows.sql) of one batch's base models: what
-- partial_claims.sql gives for the batch's raw models $raw_models (a batch holds whole base models), in its order.
select *
from partial_rows
where model in (select base_model(t.m) from unnest($raw_models) as t (m))
order by model, metric, claim_id;
