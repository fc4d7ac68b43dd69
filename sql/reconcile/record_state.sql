-- records the fingerprint of the inputs just reconciled (after the results are committed), with the stale reviews.
create schema if not exists bookkeeping;

create table if not exists bookkeeping.reconcile_state (
    inputs varchar not null,
    reconciled_at timestamp not null,
    stale_reviews varchar []
);

delete from bookkeeping.reconcile_state;

insert into bookkeeping.reconcile_state (inputs, reconciled_at, stale_reviews) values ($inputs, now(), $stale);
