-- the text of every document that holds a claim in conflict (one full-document page each).
select d.doc_id, d.source, d.title, d.location, d.kind, d.lang, coalesce(t.raw_text, t.text) as text
from documents as d
join document_texts as t on t.doc_id = d.doc_id
where d.doc_id in (select cl.doc_id from claims as cl where cl.claim_id in (select unnest(claim_ids) from conflicts))
order by d.doc_id;
