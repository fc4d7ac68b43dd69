-- remove a document and everything derived from it.
delete from claims where doc_id = $doc_id;
delete from extraction_state where doc_id = $doc_id;
delete from document_texts where doc_id = $doc_id;
delete from documents where doc_id = $doc_id;
