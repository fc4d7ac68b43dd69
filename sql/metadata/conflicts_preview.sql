-- The most severe conflicts first, for the conflicts asset's preview.
select
    model,
    metric,
    kind,
    severity,
    explanation_kind
from conflicts
order by case severity when 'high' then 0 when 'medium' then 1 else 2 end, model
limit $n_rows;
