-- a row when the schema files with this digest were the last applied to this warehouse.
select digest
from bookkeeping.schema_state
where digest = $digest;
