-- the claims of the batches that need validating (batches as in claims_pending.sql) and their documents' texts,
-- each read alone into a temp table that claims_frame.sql then reads instead of the whole tables: the texts are
-- read for the pending batches' documents only (DuckDB filters the texts' scan by their doc_ids).
create or replace temp table gx_pending_source as
with batched as (
    select
        c.*,
        claims_batch(c.doc_id, c.extractor, $n) as batch
    from claims as c
)

select * exclude (batch)
from batched
where list_contains($pending::varchar [], batch);

create or replace temp table gx_pending_texts as
select t.*
from document_texts as t
where t.doc_id in (select distinct s.doc_id from gx_pending_source as s);
