-- partial_scope: the claims of the temporary table partial_rows (partial_rows.sql: partial_claims.sql's for every
-- batch at once) as distinct (model, document, metric): what the explanations' context is read for, once per
-- partial run instead of once per batch (pipeline/reconcile/partial_context.py).
select distinct model, doc_id, metric
from partial_rows
order by model, doc_id, metric;
