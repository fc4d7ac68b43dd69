-- A dated snapshot id (gpt-4o-2024-08-06, claude-3.5-sonnet-20241022) is a version of its base model:
-- the one place that says how a snapshot is written. statements.sql and the quality frames use these.
create or replace macro snapshot_of(model) as
    -- one spelling for a dated snapshot (claude-3.5-sonnet-20241022 = claude-3.5-sonnet-2024-10-22)
    case when regexp_matches(model, '-(20\d{2})-?(\d{2})-?(\d{2})$')
         then regexp_replace(model, '-(20\d{2})-?(\d{2})-?(\d{2})$', '-\1-\2-\3') end;
create or replace macro base_model(model) as
    regexp_replace(model, '-(20\d{2})-?(\d{2})-?(\d{2})$', '');

-- claims state their currency (claims contract v2; `usd` unless the source states another).
-- Added here too so reconciliation runs on warehouses built before the column existed.
alter table claims add column if not exists currency varchar;

-- a claim as reconciliation reads it (pipeline/reconcile/statements.py): its base model and dated snapshot, its
-- currency (usd unless stated) and its document's date; raw_model is the model as the claim names it (the batches
-- are cut by it). sql/reconcile/statements.sql and the partial reads (partial_*.sql) narrow it.
create or replace macro claim_statement_rows() as table
    select
        c.claim_id, c.doc_id, c.source, base_model(c.model) as model, snapshot_of(c.model) as snapshot,
        c.metric, c.tier, c.setting, c.unit, c.value, c.value_high, c.value_text, c.bound, c.approx, c.hedged,
        c.as_of, c.quote, c.modality, coalesce(lower(c.currency), 'usd') as currency, d.published_at,
        c.model as raw_model
    from claims as c
    inner join documents as d on c.doc_id = d.doc_id;

-- the claims a partial reconciliation reads again (pipeline/reconcile/partial.py), as claim_statement_rows() gives
-- them: of the base models raw_models (as the claims name them), those of the facts keys (fact_key:
-- pipeline/records.py), the directed prices (input, output) of the same model, tier, setting and currency as a fact
-- in keys with an undirected price (what a price of unstated direction is checked against), and every claim of the
-- changed documents docs. partial_claims.sql reads them whole, partial_scope.sql their (model, document, metric).
create or replace macro partial_claim_rows(raw_models, keys, docs) as table
    with keyed as (
        select
            s.*,
            '|' || s.tier || '|' || coalesce(s.setting, '') || if(s.currency = 'usd', '', '|' || s.currency) as tail
        from claim_statement_rows() as s
        where list_contains(raw_models, s.raw_model)
    )

    select * exclude (raw_model, tail)
    from keyed
    where
        list_contains(keys, left(sha256(model || '|' || metric || tail), 20))
        or (
            metric in ('price_input', 'price_output')
            and list_contains(keys, left(sha256(model || '|price' || tail), 20))
        )
        or list_contains(docs, doc_id);

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

-- (v2: one row per fact in dispute; added columns for warehouses built before)
alter table conflicts add column if not exists currency varchar;
alter table conflicts add column if not exists n_values integer;
alter table conflicts add column if not exists review varchar;
alter table conflicts add column if not exists dismissed boolean;
alter table conflicts add column if not exists fact_key varchar;

-- conflict_values: one row per distinct value of each conflict (claims agreeing within tolerance are one value).
create table if not exists conflict_values (
    conflict_id      varchar not null,
    value_rank       integer not null,
    value            double,
    value_high       double,
    value_text       varchar,
    shown            varchar not null,
    claim_ids        varchar[] not null,
    doc_ids          varchar[] not null,
    n_sources        integer not null,
    reference_backed boolean not null,
    reference_ids    varchar[],
    chosen           boolean not null,
    rejected_claim_ids varchar[],
    explanation_kind varchar,
    explanation      varchar,
    primary key (conflict_id, value_rank)
);

-- source_dependence: pairs of documents that look copied one from the other (ACCU-style).
create table if not exists source_dependence (
    doc_a         varchar not null,
    doc_b         varchar not null,
    source_a      varchar not null,
    source_b      varchar not null,
    n_common      integer not null,
    n_same        integer not null,
    n_same_false  integer not null,
    n_different   integer not null,
    probability   double not null,
    evidence      varchar not null,
    primary key (doc_a, doc_b)
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
alter table reconciled_facts add column if not exists currency varchar;

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
