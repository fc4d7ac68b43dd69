-- vocabulary tables, rebuilt from pipeline/vocabulary.yaml on every run.
create table if not exists models (
    model     varchar primary key,
    vendor    varchar,
    family    varchar,
    is_family boolean not null
);

create table if not exists model_aliases (
    alias varchar not null,
    model varchar not null
);

create table if not exists metrics (
    metric      varchar primary key,
    unit        varchar not null,
    label       varchar,
    range_min   double,
    range_max   double
);

create table if not exists benchmarks (
    benchmark varchar not null,
    name      varchar not null
);
