-- partial_scope: the claims partial_claims.sql reads (the same filter: keep the two alike), for every batch at
-- once ($raw_models: all their models), as distinct (model, document, metric): what the explanations' context is
-- read for, once per partial run instead of once per batch (pipeline/reconcile/partial_context.py).
with read as (
    select s.model, s.doc_id, s.metric, s.tier, s.setting, s.currency
    from claim_statement_rows() as s
    where list_contains($raw_models, s.raw_model)
),

keyed as (
    select
        *,
        '|' || tier || '|' || coalesce(setting, '') || if(currency = 'usd', '', '|' || currency) as tail
    from read
)

select distinct model, doc_id, metric
from keyed
where
    list_contains($keys, left(sha256(model || '|' || metric || tail), 20))
    or (metric in ('price_input', 'price_output') and list_contains($keys, left(sha256(model || '|price' || tail), 20)))
    or list_contains($docs, doc_id)
order by model, doc_id, metric;
