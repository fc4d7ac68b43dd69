-- partial_stored_fact_keys: the facts the stored claims of the documents $docs belong to.
select doc_id, fact_keys
from bookkeeping.reconcile_documents
where list_contains($docs, doc_id);
