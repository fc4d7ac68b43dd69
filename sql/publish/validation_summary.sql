-- Great Expectations results of the latest run of each suite.
with latest as (
    select suite, arg_max(run_id, validated_at) as run_id from validation_results group by suite
)

select v.suite, v.expectation, v.table_name, v.success, v.unexpected_count, v.validated_at
from validation_results as v
join latest as l on l.suite = v.suite and l.run_id = v.run_id
order by v.suite, v.success, v.expectation;
