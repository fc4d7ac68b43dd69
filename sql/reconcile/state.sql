-- the fingerprint of the inputs the reconciliation results were computed from (one row), and the reviews those
-- results found stale: a run whose inputs have this fingerprint has nothing to do but mark those reviews again.
create table if not exists reconcile_state (
    inputs varchar not null,
    reconciled_at timestamp not null
);

alter table reconcile_state add column if not exists stale_reviews varchar [];

select inputs, stale_reviews from reconcile_state;
