-- replaces the per-document basis of the given documents (every document after a full run: $every).
delete from bookkeeping.reconcile_documents where $every or list_contains($docs, doc_id);
insert into bookkeeping.reconcile_documents by name select * from new_documents;
