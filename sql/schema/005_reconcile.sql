-- conflicts: one row per disagreement about one fact.
create table if not exists conflicts (
    conflict_id      varchar primary key,
    model            varchar not null,
    metric           varchar not null,
    tier             varchar not null,
    setting          varchar,
    kind             varchar not null,
    severity         varchar not null,
    claim_ids        varchar[] not null,
    claim_values     double[] not null,
    claim_texts      varchar[],
    reference_value  double,
    reference_text   varchar,
    reference_ids    varchar[],
    explanation_kind varchar not null,
    explanation      varchar not null
);

-- reconciled_facts: one row per (model, metric, tier, setting): the warehouse's answer.
create table if not exists reconciled_facts (
    fact_key             varchar primary key,
    model                varchar not null,
    metric               varchar not null,
    tier                 varchar not null,
    setting              varchar,
    unit                 varchar not null,
    value                double,
    value_high           double,
    value_text           varchar,
    status               varchar not null,
    confidence           double not null,
    method               varchar not null,
    supporting_claim_ids varchar[] not null,
    dissenting_claim_ids varchar[] not null,
    reference_value      double,
    reference_text       varchar,
    as_of                date,
    explanation          varchar
);

-- fact_timeline: every value a fact has had, with the date from which it held.
create table if not exists fact_timeline (
    fact_key   varchar not null,
    model      varchar not null,
    metric     varchar not null,
    tier       varchar not null,
    setting    varchar,
    value      double,
    value_high double,
    value_text varchar,
    valid_from date,
    valid_to   date,
    origin     varchar not null,
    weight     double not null,
    basis      varchar not null
);

-- (added after the first release: the claims behind a claim-origin timeline row)
alter table fact_timeline add column if not exists claim_ids varchar[];

-- source_reliability: how far each document's claims can be trusted, learned from the data.
create table if not exists source_reliability (
    doc_id        varchar primary key,
    source        varchar not null,
    score         double not null,
    n_claims      integer not null,
    n_agreeing    integer not null,
    n_disagreeing integer not null
);

-- validation_results: Great Expectations results, one row per expectation per run.
create table if not exists validation_results (
    run_id           varchar not null,
    suite            varchar not null,
    expectation      varchar not null,
    table_name       varchar not null,
    success          boolean not null,
    unexpected_count bigint,
    details          varchar,
    validated_at     timestamp not null
);
