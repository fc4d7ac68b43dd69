-- the text of the documents $doc_ids (when set; else every document holding a claim in conflict): one page each.
select d.doc_id, d.source, d.title, d.location, d.kind, d.lang, coalesce(t.raw_text, t.text) as text
from documents as d
join document_texts as t on t.doc_id = d.doc_id
where ($doc_ids is null and d.doc_id in (select cl.doc_id from claims as cl where cl.claim_id in (select unnest(claim_ids) from conflicts)))
    or list_contains($doc_ids, d.doc_id)
order by d.doc_id;
