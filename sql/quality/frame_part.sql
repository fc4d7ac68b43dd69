-- One of $n parts of a suite frame, cut by the hash of its id column, so rows sharing an id meet in one part.
select f.*
from query_table($table_name) as f
where coalesce(hash(struct_extract(f, $id_column)), 0) % $n = $part;
