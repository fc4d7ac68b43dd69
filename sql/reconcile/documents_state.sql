-- the per-document basis of the stored results (pipeline/reconcile/partial.py): each document's claim digest and
-- the facts its claims belong to, and the fingerprint of everything else reconciliation read. Bookkeeping, not
-- published.
create schema if not exists bookkeeping;

create table if not exists bookkeeping.reconcile_documents (
    doc_id varchar primary key,
    digest varchar not null,
    n_claims bigint not null,
    fact_keys varchar [] not null
);

create table if not exists bookkeeping.reconcile_basis (
    basis varchar not null,
    iterations integer not null
);

select basis, iterations from bookkeeping.reconcile_basis;
