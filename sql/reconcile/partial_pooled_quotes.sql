-- partial_pooled_quotes: partial_quotes.sql's rows (the claims of other models stating the same metric in the same
-- words of the same document as a claim of the view wanted_quotes), read from the temporary table
-- partial_quote_pool (partial_quote_pool.sql), which holds every claim such a view of a partial run can ask for.
select distinct on (p.claim_id) p.*
from partial_quote_pool as p
inner join wanted_quotes as w on p.doc_id = w.doc_id and p.quote = w.quote and p.metric = w.metric
where p.model <> w.model
order by p.model, p.metric, p.claim_id;
