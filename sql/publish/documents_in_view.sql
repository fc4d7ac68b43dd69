-- the text of the documents $doc_ids: one page each.
select d.doc_id, d.source, d.title, d.location, d.kind, d.lang, coalesce(t.raw_text, t.text) as text
from documents as d
inner join document_texts as t on d.doc_id = t.doc_id
where d.doc_id in (select unnest($doc_ids))
order by d.doc_id;
