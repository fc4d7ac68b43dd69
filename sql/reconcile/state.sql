-- the fingerprint of the inputs the reconciliation results were computed from (one row): a run whose inputs have
-- this fingerprint has nothing to do.
create table if not exists reconcile_state (
    inputs varchar not null,
    reconciled_at timestamp not null
);

select inputs from reconcile_state;
