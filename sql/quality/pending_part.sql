-- one batch of a suite's pending frame (claims_pending.sql): the rows of batch number $part, without the batch columns.
select f.* exclude (batch, part)
from query_table($table_name) as f
where f.part = $part;
