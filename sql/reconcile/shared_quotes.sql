-- claims of other models sharing a quote (same document, same words) with the given models' claims: what the
-- misattribution explanation consults (pipeline/reconcile/explain.py), read per batch of models.
with shared as (
    select doc_id, quote
    from claims
    where quote is not null
    group by doc_id, quote
    having count(distinct base_model(model)) > 1 and bool_or(list_contains($models, base_model(model)))
)

select
    c.claim_id, c.doc_id, c.source, base_model(c.model) as model, snapshot_of(c.model) as snapshot,
    c.metric, c.tier, c.setting, c.unit, c.value, c.value_high, c.value_text, c.bound, c.approx, c.hedged,
    c.as_of, c.quote, c.modality, coalesce(lower(c.currency), 'usd') as currency, d.published_at
from claims as c
join shared as s on c.doc_id = s.doc_id and c.quote = s.quote
join documents as d on c.doc_id = d.doc_id
where not list_contains($models, base_model(c.model))
order by model, c.metric, c.claim_id;
