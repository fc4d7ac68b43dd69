-- The columns of one table with their types, nullability and the schema's
-- COMMENTs, for dagster/column_schema.
select
    column_name,
    data_type,
    is_nullable,
    comment
from duckdb_columns()
where schema_name = 'main' and table_name = $table_name
order by column_index;
