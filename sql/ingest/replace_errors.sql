-- ingest_errors holds the latest run's errors only (those of the sources in $keep are another asset's to replace).
delete from ingest_errors where not list_contains($keep, location);
