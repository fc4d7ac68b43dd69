-- one row per model in conflict: how many conflicts of each severity, and the words its conflicts can be found by
-- (metrics, kinds, explanations) for the summary page's search; most conflicts first.
select
    model,
    count(*) as n_conflicts,
    count(*) filter (where severity = 'high') as high,
    count(*) filter (where severity = 'medium') as medium,
    count(*) filter (where severity = 'low') as low,
    list(distinct metric order by metric) as metrics,
    list(distinct kind order by kind) as kinds,
    list(distinct explanation_kind order by explanation_kind) as explanations
from conflicts
group by model
order by n_conflicts desc, model asc;
