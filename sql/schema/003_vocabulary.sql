-- vocabulary tables, rebuilt from pipeline/vocabulary.yaml and the model
-- catalogue (pipeline/catalogue/catalogue.json) on every run.
create table if not exists models (
    model     varchar primary key,
    vendor    varchar,
    family    varchar,
    is_family boolean not null,
    origin    varchar  -- vocabulary, or the datasets naming it (litellm,models.dev,...), or coined
);

create table if not exists model_aliases (
    alias  varchar not null,
    model  varchar not null,
    origin varchar  -- vocabulary, rule, litellm, models.dev, genai-prices, llm-prices (comma-joined)
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

-- warehouses made before the catalogue get its columns
alter table models add column if not exists origin varchar;
alter table model_aliases add column if not exists origin varchar;
