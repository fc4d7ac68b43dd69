-- documents whose current version has not been extracted by this extractor yet.
-- an HTML page is read in place (its raw text), so claim spans index the file itself.
select d.doc_id, d.source, d.sha256, coalesce(t.raw_text, t.text) as text
from documents as d
join document_texts as t using (doc_id)
left join extraction_state as s using (doc_id)
where s.doc_id is null or s.sha256 <> d.sha256 or s.extractor <> $extractor
order by d.source;
