-- How many rows a suite frame has.
select count(*) as n_rows from query_table($table_name);
