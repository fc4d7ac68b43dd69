-- partial_wanted: what the explanations' context is read for (pipeline/reconcile/partial_context.py,
-- Context.read_kept), selected from the temporary table partial_rows (partial_rows.sql) as temporary views under
-- the names the context queries read (partial_document_models.sql, partial_settings.sql; wanted_pairs:
-- partial_wanted_pairs.sql): the documents, the (model, metric) of scores and ratings, and the (model, document) of
-- every claim and of the undirected prices. Kept in SQL: made frames in Python and registered again, the half a
-- million (model, document, metric) of 10,000 articles cost more than the queries.
create or replace temp view wanted_docs as
select distinct r.doc_id from partial_rows as r;
create or replace temp view wanted_metrics as
select distinct
    r.model,
    r.metric
from partial_rows as r
where starts_with(r.metric, 'score:') or starts_with(r.metric, 'rating:');
create or replace temp view wanted_every_pair as
select distinct
    r.model,
    r.doc_id
from partial_rows as r;
create or replace temp view wanted_price_pairs as
select distinct
    r.model,
    r.doc_id
from partial_rows as r
where r.metric = 'price';
