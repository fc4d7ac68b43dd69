-- whether schema digests are recorded in this warehouse (not on a new one, nor one built before they were).
select 1 as present
from duckdb_tables()
where schema_name = 'bookkeeping' and table_name = 'schema_state';
