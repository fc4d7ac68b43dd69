-- the digest of the schema files just applied (one row; bookkeeping, not a published table).
create schema if not exists bookkeeping;

create table if not exists bookkeeping.schema_state (
    digest varchar not null,
    applied_at timestamp not null
);

delete from bookkeeping.schema_state;

insert into bookkeeping.schema_state (digest, applied_at) values ($digest, now());
