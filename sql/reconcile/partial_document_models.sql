-- partial_document_models: the models each document of the view wanted_docs talks about (document_models.sql
-- for some documents only).
select c.doc_id, list(distinct base_model(c.model)) as models
from claims as c
where c.doc_id in (select w.doc_id from wanted_docs as w)
group by c.doc_id;
