-- what the reviews suite follows from: the reviewer's decisions (a small table, hashed whole) and the
-- reconciliation's state (it marks the stale decisions, and its inputs cover the claims a decision targets).
select
    (select count(*) || ':' || coalesce(sum(hash(r)::hugeint) % 18446744073709551616, 0) from reviews as r)
    || '/'
    || (
        select count(*) || ':' || coalesce(sum(hash(s)::hugeint) % 18446744073709551616, 0)
        -- its columns but the times (equal results recomputed at another time are the same inputs)
        from (select columns(lambda c: not ends_with(c, '_at')) from bookkeeping.reconcile_state) as s
    ) as summary;
