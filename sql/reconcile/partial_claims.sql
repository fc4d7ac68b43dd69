-- partial_claims: the claims a partial reconciliation decides again (pipeline/reconcile/partial.py), as
-- statements.sql reads them: those of the facts $keys (fact_key: pipeline/records.py), the directed prices
-- (input, output) of the same model, tier, setting and currency as a fact $keys names with an undirected price
-- (what a price of unstated direction is checked against), and every claim of the changed documents $docs.
-- Only claims of the base models $raw_models (as the claims name them) are looked at.
with read as (
    select
        c.claim_id, c.doc_id, c.source, base_model(c.model) as model, snapshot_of(c.model) as snapshot,
        c.metric, c.tier, c.setting, c.unit, c.value, c.value_high, c.value_text, c.bound, c.approx, c.hedged,
        c.as_of, c.quote, c.modality, coalesce(lower(c.currency), 'usd') as currency, d.published_at
    from claims as c
    inner join documents as d using (doc_id)
    where list_contains($raw_models, c.model)
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
