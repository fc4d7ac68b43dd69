-- A suite frame's fingerprint: its row count and the sum of its rows' hashes (order-free).
select rows_digest(f) as summary
from query_table($table_name) as f;
