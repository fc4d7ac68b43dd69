-- records the fingerprint of the inputs just reconciled (after the results are committed).
create table if not exists reconcile_state (
    inputs varchar not null,
    reconciled_at timestamp not null
);

delete from reconcile_state;

insert into reconcile_state (inputs, reconciled_at) values ($inputs, now());
