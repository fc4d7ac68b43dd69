-- A suite frame, whole.
select f.* from query_table($table_name) as f;
