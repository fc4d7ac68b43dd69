-- the fingerprint of the inputs the reconciliation results were computed from (one row), and the reviews those
-- results found stale: a run whose inputs have this fingerprint has nothing to do but mark those reviews again.
-- Bookkeeping, not a published table: it lives in its own schema.
create schema if not exists bookkeeping;

create table if not exists bookkeeping.reconcile_state (
    inputs varchar not null,
    reconciled_at timestamp not null,
    stale_reviews varchar []
);

select inputs, stale_reviews from bookkeeping.reconcile_state;
