-- reviews (v2): one row per reviewer decision of sources/reviews.yaml. `stale` is NULL as loaded:
-- reconciliation sets it (true when the target is no current conflict_id or claim_id) and applies the others.
create table if not exists reviews (
    review_id  varchar primary key,
    target     varchar not null,
    decision   varchar not null,
    value      double,
    value_text varchar,
    note       varchar,
    reviewer   varchar,
    decided_at timestamp,
    stale      boolean
);

-- (a date accepted as a value keeps its text form; added apart so a reviews table created elsewhere gets it too)
alter table reviews add column if not exists value_text varchar;
