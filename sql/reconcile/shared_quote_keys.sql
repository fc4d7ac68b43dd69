-- the (document, quote) pairs of the given models' claims that also give a value to another model (from the table
-- shared_quotes_prepare.sql made): the only groups of pipeline/reconcile/batched.py's by_quote an explanation
-- can find another model in.
select distinct doc_id, quote
from reconcile_shared_quotes
where list_contains($models, model);
