-- whether per-batch validation outcomes are stored (bookkeeping.validation_batches exists).
select 1 as present
from duckdb_tables()
where schema_name = 'bookkeeping' and table_name = 'validation_batches';
