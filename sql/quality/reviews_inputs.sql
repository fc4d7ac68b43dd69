-- what the reviews suite follows from: the reviewer's decisions (a small table, hashed whole) and the
-- reconciliation's state (it marks the stale decisions, and its inputs cover the claims a decision targets).
select
    (select count(*) || ':' || coalesce(sum(hash(r)::hugeint) % 18446744073709551616, 0) from reviews as r)
    || '/'
    || (
        select count(*) || ':' || coalesce(sum(hash(s)::hugeint) % 18446744073709551616, 0)
        from bookkeeping.reconcile_state as s
    ) as summary;
