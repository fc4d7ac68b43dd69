-- the documents that hold a claim in conflict, without their text: the list of full-document pages, with what
-- each page shows (the document's hash, a digest of its claims) to tell whether a page must be rendered again.
-- A document's claims are written only by its extraction (extraction_state: the content hash and extractor
-- they came from) and by claims files (claim_imports), so its digest is made from those, O(documents); only a
-- document without extraction_state (claims written some other way) has its claims' columns hashed.
with imports as (
    select coalesce(string_agg(concat_ws(':', file_name, sha256, docs_key, n_claims), ',' order by file_name), '')
        as files
    from claim_imports
),

listed as (
    select d.doc_id, d.source, d.title, d.sha256, count(c.claim_id) as n_claims
    from documents as d
    inner join claims as c on d.doc_id = c.doc_id
    where d.doc_id in (select cl.doc_id from claims as cl where cl.claim_id in (select unnest(claim_ids) from conflicts))
    group by d.doc_id, d.source, d.title, d.sha256
),

untracked as (
    select
        c.doc_id,
        md5(string_agg(
            concat_ws(
                ':', c.claim_id, c.metric, c.unit, c.value, c.value_high, c.value_text, c.span_start, c.span_end, c.why
            ),
            ',' order by c.claim_id
        )) as digest
    from claims as c
    where
        c.doc_id in (select l.doc_id from listed as l)
        and c.doc_id not in (select e.doc_id from extraction_state as e)
    group by c.doc_id
)

select
    l.doc_id, l.source, l.title, l.sha256, l.n_claims,
    coalesce(u.digest, md5(concat_ws(':', e.sha256, e.extractor, e.n_claims, l.n_claims, i.files))) as claims_digest
from listed as l
cross join imports as i
left join extraction_state as e on l.doc_id = e.doc_id
left join untracked as u on l.doc_id = u.doc_id
order by l.doc_id;
