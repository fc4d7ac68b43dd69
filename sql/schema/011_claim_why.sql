-- claims (v2) say why they were read (claims.why, added in 002). A warehouse built before the column holds
-- claims without it: their documents' extraction state is dropped, so the next claims run re-extracts them
-- (once: both engines write why), and claims files are marked as changed, so the next run re-reads them
-- (a line gives its why or none). Nothing is deleted from claims here: a document keeps its claims until
-- its re-extraction replaces them.
delete from extraction_state
where doc_id in (
    select c.doc_id
    from claims as c
    where c.why is null and not starts_with(coalesce(c.extractor, ''), 'import:')
);

update claim_imports set sha256 = 'read before claims.why'
where extractor in (
    select distinct c.extractor
    from claims as c
    where c.why is null and starts_with(c.extractor, 'import:')
);
