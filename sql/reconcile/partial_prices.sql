-- partial_prices: the directed prices (input, output) of each (model, document) of the view wanted_pairs, as
-- statements.sql reads them: what a price of unstated direction is compared with in its own document
-- (explain._price_total).
select
    c.claim_id, c.doc_id, c.source, base_model(c.model) as model, snapshot_of(c.model) as snapshot,
    c.metric, c.tier, c.setting, c.unit, c.value, c.value_high, c.value_text, c.bound, c.approx, c.hedged,
    c.as_of, c.quote, c.modality, coalesce(lower(c.currency), 'usd') as currency, d.published_at
from claims as c
inner join documents as d on c.doc_id = d.doc_id
inner join wanted_pairs as w on c.doc_id = w.doc_id and base_model(c.model) = w.model
where c.metric in ('price_input', 'price_output')
order by model, c.metric, c.claim_id;
