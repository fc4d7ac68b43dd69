-- partial_scope: the claims partial_claims.sql reads (partial_claim_rows()), for every batch at once
-- ($raw_models: all their models), as distinct (model, document, metric): what the explanations' context is read
-- for, once per partial run instead of once per batch (pipeline/reconcile/partial_context.py).
select distinct model, doc_id, metric
from partial_claim_rows($raw_models, $keys, $docs)
order by model, doc_id, metric;
