-- the content hash of every current document, to decide what changed.
select doc_id, sha256 from documents;
