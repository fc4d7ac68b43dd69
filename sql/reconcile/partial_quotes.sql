-- partial_quotes: the claims of other models stating the same metric in the same words of the same document as
-- a claim of the view wanted_quotes (doc_id, quote, metric, model), as statements.sql reads them: what the
-- misattribution explanation looks for (explain.misattribution).
select distinct on (c.claim_id)
    c.claim_id, c.doc_id, c.source, base_model(c.model) as model, snapshot_of(c.model) as snapshot,
    c.metric, c.tier, c.setting, c.unit, c.value, c.value_high, c.value_text, c.bound, c.approx, c.hedged,
    c.as_of, c.quote, c.modality, coalesce(lower(c.currency), 'usd') as currency, d.published_at
from claims as c
inner join documents as d on c.doc_id = d.doc_id
inner join wanted_quotes as w on c.doc_id = w.doc_id and c.quote = w.quote and c.metric = w.metric
where base_model(c.model) <> w.model
order by model, c.metric, c.claim_id;
