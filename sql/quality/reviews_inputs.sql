-- what the reviews suite follows from: the reviewer's decisions (a small table, hashed whole) and the
-- reconciliation's state (it marks the stale decisions, and its inputs cover the claims a decision targets).
select
    (select rows_digest(r) from reviews as r)
    || '/'
    || (
        select rows_digest(s)
        -- its columns but the times (equal results recomputed at another time are the same inputs)
        from (select columns(lambda c: not ends_with(c, '_at')) from bookkeeping.reconcile_state) as s
    ) as summary;
