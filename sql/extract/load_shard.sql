-- one extraction shard (Parquet files written by any worker or machine) into the warehouse, by the
-- single writer: a document's claims are replaced only when its extraction succeeded and the shard
-- was made from the document's current version; imported claims (extractor import:NAME) stay.
create or replace temporary table shard_state as
select s.doc_id, s.sha256, s.extractor, s.n_claims, s.extracted_at, s.source, s.error
from read_parquet($state_file) as s
inner join documents as d on s.doc_id = d.doc_id and s.sha256 = d.sha256;
delete from claims
where
    doc_id in (select doc_id from shard_state where error is null)
    and not starts_with(coalesce(extractor, ''), 'import:');
insert into claims by name
select c.* exclude (sha256)
from read_parquet($claims_files) as c
inner join shard_state as s on c.doc_id = s.doc_id and c.sha256 = s.sha256
where s.error is null;
insert or replace into extraction_state (doc_id, sha256, extractor, n_claims, extracted_at)
select doc_id, sha256, extractor, n_claims, extracted_at from shard_state
where error is null;
