-- the reviewer's decisions, oldest first (a later decision on the same target overrides an earlier one).
select review_id, target, decision, value, value_text, note, reviewer, decided_at
from reviews
order by decided_at nulls first, review_id;
