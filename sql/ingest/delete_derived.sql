-- remove what was derived from a document's previous version.
delete from claims where doc_id = $doc_id;
delete from extraction_state where doc_id = $doc_id;
