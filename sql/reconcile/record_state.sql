-- records the fingerprint of the inputs just reconciled (after the results are committed), with the stale reviews.
create table if not exists reconcile_state (
    inputs varchar not null,
    reconciled_at timestamp not null
);

alter table reconcile_state add column if not exists stale_reviews varchar [];

delete from reconcile_state;

insert into reconcile_state (inputs, reconciled_at, stale_reviews) values ($inputs, now(), $stale);
