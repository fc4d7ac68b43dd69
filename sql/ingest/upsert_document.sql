-- replace one source's current version (the caller has already removed what derived from the old one).
insert or replace into documents
    (doc_id, source, location, kind, content_type, title, author, published_at, published_at_from, lang, sha256, n_chars, ingested_at)
values
    ($doc_id, $source, $location, $kind, $content_type, $title, $author, $published_at, $published_at_from, $lang, $sha256, $n_chars, $ingested_at);
