-- the documents holding a claim in conflict (their full-document pages are the report's).
select distinct cl.doc_id
from claims as cl
where cl.claim_id in (select unnest(c.claim_ids) from conflicts as c)
order by cl.doc_id;
