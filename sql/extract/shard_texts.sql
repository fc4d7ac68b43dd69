-- the texts of one shard's documents; an HTML page is read in place (its raw text),
-- so claim spans index the file itself.
select d.doc_id, d.source, d.sha256, coalesce(t.raw_text, t.text) as text
from documents as d
inner join document_texts as t using (doc_id)
where list_contains($doc_ids, d.doc_id)
order by d.source;
