-- whether validation fingerprints are stored (bookkeeping.validation_state exists): read-only runs cannot create it.
select 1 as present
from duckdb_tables()
where schema_name = 'bookkeeping' and table_name = 'validation_state';
