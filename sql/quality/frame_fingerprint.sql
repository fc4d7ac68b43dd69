-- A suite frame's fingerprint: its row count and the sum of its rows' hashes (order-free).
select count(*) || ':' || coalesce(sum(hash(f)::hugeint) % 18446744073709551616, 0) as summary
from query_table($table_name) as f;
