-- the claims suite's batches and what each is made from, read without touching a claim (O(documents)): the
-- documents of a batch ($n batches, by the hash of doc_id) with their content hash and the extraction that made
-- their claims (extraction_state), and one batch per claims file imported (claim_imports).
with parts as (
    select
        claims_batch(d.doc_id, null, $n) as batch,
        hash(d.doc_id, d.sha256, e.sha256, e.extractor, e.n_claims) as digest
    from documents as d
    left join extraction_state as e on d.doc_id = e.doc_id
    union all
    select
        i.extractor as batch,
        hash(i.file_name, i.sha256, i.docs_key, i.n_claims) as digest
    from claim_imports as i
)

select batch, count(*) || ':' || (sum(digest::hugeint) % 18446744073709551616) as inputs
from parts
group by batch
order by batch;
