-- the content hash and kind of every current document, to decide what changed.
select doc_id, sha256, kind from documents;
