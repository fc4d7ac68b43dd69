-- claims: one row per claim (the export format of claims.md plus ids).
create table if not exists claims (
    claim_id   varchar primary key,
    doc_id     varchar not null,
    source     varchar not null,
    model      varchar not null,
    metric     varchar not null,
    unit       varchar not null,
    value      double,
    value_high double,
    value_text varchar,
    tier       varchar not null,
    bound      varchar not null,
    modality   varchar,
    setting    varchar,
    approx     boolean not null,
    hedged     boolean not null,
    as_of      date,
    quote      varchar not null,
    span_start integer not null,
    span_end   integer not null
);
-- v2: a price stated in another currency keeps it (ISO 4217, lower case; 'usd' unless the source
-- states another). Added in place so warehouses built before it gain the column.
alter table claims add column if not exists currency varchar;
-- v2: how the extractor read the claim (the rule or evidence that made this number this model's claim
-- of this metric). Added in place; claims extracted before it have none until re-extracted (011).
alter table claims add column if not exists why varchar;

-- extraction_state: which document version the claims of a document came from.
create table if not exists extraction_state (
    doc_id       varchar primary key,
    sha256       varchar not null,
    extractor    varchar not null,
    n_claims     integer not null,
    extracted_at timestamp not null
);

-- extract_errors: documents whose extraction failed in the latest claims run
-- (contract v2). Their previous claims, if any, are left as they were.
create table if not exists extract_errors (
    doc_id    varchar not null,
    source    varchar not null,
    error     varchar not null,
    extractor varchar not null,
    failed_at timestamp not null
);
