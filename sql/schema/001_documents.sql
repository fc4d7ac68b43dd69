-- documents: one row per current version of a source (grain: one source).
create table if not exists documents (
    doc_id       varchar primary key,
    source       varchar not null,
    location     varchar not null,
    kind         varchar not null,
    content_type varchar,
    title        varchar,
    author       varchar,
    published_at date,
    lang         varchar,
    sha256       varchar not null,
    n_chars      integer not null,
    ingested_at  timestamp not null
);

-- document_texts: the decoded text claim spans point into (one row per document).
create table if not exists document_texts (
    doc_id   varchar primary key,
    text     varchar not null,
    raw_text varchar
);

-- ingest_errors: sources that could not be ingested in the latest run that saw them.
create table if not exists ingest_errors (
    source      varchar not null,
    location    varchar not null,
    error       varchar not null,
    occurred_at timestamp not null
);
