-- claims (v2): which extractor made a claim (its version, or import:NAME for a claims file), and its currency.
alter table claims add column if not exists currency varchar;
alter table claims add column if not exists extractor varchar;

-- claim_imports: one row per NAME.claims.jsonl imported, with the file and cited-document versions it was read against.
create table if not exists claim_imports (
    file_name   varchar primary key,
    extractor   varchar not null,
    sha256      varchar not null,
    docs_key    varchar not null,
    n_lines     integer not null,
    n_claims    integer not null,
    n_errors    integer not null,
    imported_at timestamp not null
);
