-- partial_settings: the claims under a stated setting of each (model, metric) of the view wanted_metrics, as
-- statements.sql reads them: the model's scores under other settings explain._setting_evidence looks for.
select
    c.claim_id, c.doc_id, c.source, base_model(c.model) as model, snapshot_of(c.model) as snapshot,
    c.metric, c.tier, c.setting, c.unit, c.value, c.value_high, c.value_text, c.bound, c.approx, c.hedged,
    c.as_of, c.quote, c.modality, coalesce(lower(c.currency), 'usd') as currency, d.published_at
from claims as c
inner join documents as d on c.doc_id = d.doc_id
inner join wanted_metrics as w on c.metric = w.metric and base_model(c.model) = w.model
where c.setting is not null
order by model, c.metric, c.claim_id;
