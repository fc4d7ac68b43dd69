-- the reviewer's decisions as the reviews suite sees them.
select
    review_id, target, decision, coalesce(stale, false) as stale,
    decision <> 'accept_value' or value is not null
    or target in (select claim_id from claims) as accept_has_value
from reviews;
