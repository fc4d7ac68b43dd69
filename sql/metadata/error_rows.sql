-- The rows of an error table (ingest_errors or extract_errors, $table_name):
-- the source that failed and why.
select
    source,
    error
from query_table($table_name)
order by 1;
