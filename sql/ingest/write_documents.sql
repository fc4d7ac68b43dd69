-- replace a batch of sources' current versions (new_documents, new_texts: registered frames) and remove
-- what derived from their old versions, in one transaction run by the caller.
delete from claims where doc_id in (select doc_id from new_documents);
delete from extraction_state where doc_id in (select doc_id from new_documents);
insert or replace into documents
    (doc_id, source, location, kind, content_type, title, author, published_at, published_at_from, lang, sha256, n_chars, ingested_at)
select
    doc_id::varchar,
    source::varchar,
    location::varchar,
    kind::varchar,
    content_type::varchar,
    title::varchar,
    author::varchar,
    published_at::date,
    published_at_from::varchar,
    lang::varchar,
    sha256::varchar,
    n_chars::integer,
    ingested_at::timestamp
from new_documents;
insert or replace into document_texts (doc_id, text, raw_text)
select
    doc_id::varchar,
    text::varchar,
    raw_text::varchar
from new_texts;
