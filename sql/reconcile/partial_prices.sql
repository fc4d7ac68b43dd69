-- partial_prices: the directed prices (input, output) of each (model, document) of the view wanted_pairs, as
-- statements.sql reads them: what a price of unstated direction is compared with in its own document
-- (explain._price_total).
select s.* exclude (raw_model)
from claim_statement_rows() as s
inner join wanted_pairs as w on s.doc_id = w.doc_id and s.model = w.model
where s.metric in ('price_input', 'price_output')
order by s.model, s.metric, s.claim_id;
