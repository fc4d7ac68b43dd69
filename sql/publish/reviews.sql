-- the reviewer's decisions, with whether each still applies.
select review_id, target, decision, value, note, reviewer, decided_at, coalesce(stale, false) as stale
from reviews
order by decided_at nulls first, review_id;
