-- reference_facts: one row per fact a reference dataset states, with its citation.
create table if not exists reference_facts (
    ref_id     varchar primary key,
    ref_source varchar not null,
    model      varchar not null,
    snapshot   varchar,
    metric     varchar not null,
    unit       varchar not null,
    tier       varchar,
    setting    varchar,
    value      double,
    value_text varchar,
    valid_from date,
    valid_to   date,
    citation   varchar not null
);

-- reference_files: the snapshots loaded, with their hashes (provenance).
create table if not exists reference_files (
    file_name  varchar primary key,
    ref_source varchar not null,
    sha256     varchar not null,
    n_facts    integer not null,
    n_skipped  integer not null,
    loaded_at  timestamp not null
);
