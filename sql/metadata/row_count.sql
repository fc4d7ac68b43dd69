-- The number of rows of one warehouse table ($table_name), for dagster/row_count.
select count(*) as n_rows from query_table($table_name);
