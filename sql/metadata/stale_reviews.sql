-- Reviewer decisions that no longer match a current conflict or claim.
select
    review_id,
    target,
    decision
from reviews
where stale;
