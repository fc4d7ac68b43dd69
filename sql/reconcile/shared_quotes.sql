-- claims of other models sharing a quote (same document, same words) with the given models' claims: what the
-- misattribution explanation consults (pipeline/reconcile/explain.py), read per batch of models from the table
-- shared_quotes_prepare.sql made.
with wanted as (
    select distinct doc_id, quote
    from reconcile_shared_quotes
    where list_contains($models, model)
)

select q.*
from reconcile_shared_quotes as q
join wanted as w on q.doc_id = w.doc_id and q.quote = w.quote
where not list_contains($models, q.model)
order by q.model, q.metric, q.claim_id;
