-- the claims suite's frame (the view $view_name made from claims_frame.sql) for the batches that need validating,
-- read in one pass and kept in a temp table in batch order, so each batch is then read by its number alone (the
-- table's zonemaps skip the others). A batch is a document batch ('doc:K/N', the claims of the documents whose
-- doc_id hashes to K of N) or the claims imported from one file ('import:NAME').
create or replace temp table gx_pending_claims as
with framed as (
    select
        f.*,
        claims_batch(f.doc_id, f.extractor, $n) as batch
    from query_table($view_name) as f
)

select
    framed.*,
    list_position($pending::varchar [], framed.batch) as part
from framed
where list_contains($pending::varchar [], framed.batch)
order by part;
