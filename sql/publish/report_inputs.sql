-- what the report is made from, summarised: the fingerprint of the reconciliation's inputs (its results follow
-- from them) and the outcome of the latest data checks (not their time: checks passing again change nothing).
with latest as (
    select suite, arg_max(run_id, validated_at) as run_id from validation_results group by suite
)

select
    (select max(inputs) from bookkeeping.reconcile_state) as reconciled_from,
    (
        select count(*) || ':' || coalesce(sum(hash(v.suite, v.expectation, v.success, v.unexpected_count)), 0)
        from validation_results as v
        inner join latest as l on v.suite = l.suite and v.run_id = l.run_id
    ) as checks;
