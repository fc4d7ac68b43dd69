-- statements.sql's rows of some documents' claims.
select
    c.claim_id, c.doc_id, c.source, base_model(c.model) as model, snapshot_of(c.model) as snapshot,
    c.metric, c.tier, c.setting, c.unit, c.value, c.value_high, c.value_text, c.bound, c.approx, c.hedged,
    c.as_of, c.quote, c.modality, coalesce(lower(c.currency), 'usd') as currency, d.published_at
from claims as c
join documents as d using (doc_id)
where list_contains($docs, c.doc_id)
order by model, c.metric, c.claim_id;
