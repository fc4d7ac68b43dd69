-- documents whose current version has not been extracted by this extractor yet (ids only:
-- their texts are read a shard at a time, so no step holds the whole corpus' text).
select d.doc_id, d.source, d.sha256
from documents as d
left join extraction_state as s using (doc_id)
where s.doc_id is null or s.sha256 <> d.sha256 or s.extractor <> $extractor
order by d.source;
