-- The chunks of claim_review_todo.sql, in order.
select distinct chunk
from claim_review_todo
order by chunk;
