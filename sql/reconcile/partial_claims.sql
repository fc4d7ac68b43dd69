-- partial_claims: the claims a partial reconciliation decides again (pipeline/reconcile/partial.py), as
-- statements.sql reads them: those of the facts $keys (fact_key: pipeline/records.py), the directed prices
-- (input, output) of the same model, tier, setting and currency as a fact $keys names with an undirected price
-- (what a price of unstated direction is checked against), and every claim of the changed documents $docs.
-- Only claims of the base models $raw_models (as the claims name them) are looked at.
with read as (
    select s.* exclude (raw_model)
    from claim_statement_rows() as s
    where list_contains($raw_models, s.raw_model)
),

keyed as (
    select
        *,
        '|' || tier || '|' || coalesce(setting, '') || if(currency = 'usd', '', '|' || currency) as tail
    from read
)

select * exclude (tail)
from keyed
where
    list_contains($keys, left(sha256(model || '|' || metric || tail), 20))
    or (metric in ('price_input', 'price_output') and list_contains($keys, left(sha256(model || '|price' || tail), 20)))
    or list_contains($docs, doc_id)
order by model, metric, claim_id;
