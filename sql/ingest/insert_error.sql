-- one source that could not be ingested, and why.
insert into ingest_errors (source, location, error, occurred_at) values ($source, $location, $error, $occurred_at);
