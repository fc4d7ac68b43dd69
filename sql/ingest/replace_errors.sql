-- ingest_errors holds the latest run's errors only.
delete from ingest_errors;
