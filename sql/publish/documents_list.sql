-- the documents that hold a claim in conflict, without their text: the list of full-document pages, with what
-- each page shows (the document's hash, a digest of its claims) to tell whether a page must be rendered again.
select
    d.doc_id, d.source, d.title, d.sha256, count(c.claim_id) as n_claims,
    md5(string_agg(
        concat_ws(':', c.claim_id, c.metric, c.unit, c.value, c.value_high, c.value_text, c.span_start, c.span_end, c.why),
        ',' order by c.claim_id
    )) as claims_digest
from documents as d
inner join claims as c on d.doc_id = c.doc_id
where d.doc_id in (select cl.doc_id from claims as cl where cl.claim_id in (select unnest(claim_ids) from conflicts))
group by d.doc_id, d.source, d.title, d.sha256
order by d.doc_id;
