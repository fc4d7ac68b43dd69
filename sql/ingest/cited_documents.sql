-- every current document a claims file may cite, with its text (quotes are checked against it).
select d.doc_id, d.source, d.location, d.sha256, t.text, t.raw_text
from documents as d
join document_texts as t using (doc_id);
