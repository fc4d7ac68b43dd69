-- statements.sql's rows for streaming in model order (pipeline/reconcile/batched.py reads them a batch of
-- models at a time): the same columns and order, with the number of claims of each model beside them.
select
    c.claim_id, c.doc_id, c.source, base_model(c.model) as model, snapshot_of(c.model) as snapshot,
    c.metric, c.tier, c.setting, c.unit, c.value, c.value_high, c.value_text, c.bound, c.approx, c.hedged,
    c.as_of, c.quote, c.modality, coalesce(lower(c.currency), 'usd') as currency, d.published_at
from claims as c
join documents as d using (doc_id)
where $every or list_contains($models, base_model(c.model))
order by model, c.metric, c.claim_id;
