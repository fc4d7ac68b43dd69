-- what a table written by the reconciliation follows from, without reading it: the reconciliation's stored state
-- (bookkeeping.reconcile_state, written whenever it writes its results), whatever its columns, and the table's
-- row count.
select
    (
        select rows_digest(s)
        -- its columns but the times (equal results recomputed at another time are the same inputs)
        from (select columns(lambda c: not ends_with(c, '_at')) from bookkeeping.reconcile_state) as s
    ) || '/' || (select count(*) from query_table($table_name)) as summary;
