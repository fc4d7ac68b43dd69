-- forget one source's errors before its loader records the latest ones.
delete from ingest_errors where location = $location;
