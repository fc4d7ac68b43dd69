-- the fingerprint of a suite's inputs and the outcome validated from them (one row per suite; bookkeeping, not a
-- published table).
create schema if not exists bookkeeping;

create table if not exists bookkeeping.validation_state (
    suite varchar primary key,
    inputs varchar not null,
    outcome varchar not null,
    validated_at timestamp not null
);

delete from bookkeeping.validation_state where suite = $suite;

insert into bookkeeping.validation_state (suite, inputs, outcome, validated_at) values ($suite, $inputs, $outcome, now());
