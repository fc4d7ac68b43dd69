-- a suite's stored batches, about to be replaced by the ones just validated or reused (bookkeeping, not a
-- published table).
create schema if not exists bookkeeping;

create table if not exists bookkeeping.validation_batches (
    suite varchar not null,
    batch varchar not null,
    inputs varchar not null,
    outcome varchar,
    primary key (suite, batch)
);

delete from bookkeeping.validation_batches where suite = $suite;
