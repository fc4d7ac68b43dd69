-- claims (v2) say why they were read (claims.why, added in 002). A warehouse built before the column holds
-- claims without it, so once (recorded in bookkeeping.migrations, outside the published schema): the
-- documents of those claims lose their extraction state, so the next claims run re-extracts them (both engines
-- write why), and their claims files are marked as changed, so the next run reads them again (a line gives its
-- why or none). Nothing is deleted from claims here: a document keeps its claims until re-extraction replaces them.
create schema if not exists bookkeeping;

create table if not exists bookkeeping.migrations (
    name       varchar primary key,
    applied_at timestamp not null
);

delete from extraction_state
where
    not exists (select 1 from bookkeeping.migrations where name = 'claims.why')
    and doc_id in (
        select c.doc_id
        from claims as c
        where c.why is null and not starts_with(coalesce(c.extractor, ''), 'import:')
    );

update claim_imports set sha256 = 'read before claims.why'
where
    not exists (select 1 from bookkeeping.migrations where name = 'claims.why')
    and extractor in (
        select distinct c.extractor
        from claims as c
        where c.why is null and starts_with(c.extractor, 'import:')
    );

insert or ignore into bookkeeping.migrations (name, applied_at) values ('claims.why', now());
