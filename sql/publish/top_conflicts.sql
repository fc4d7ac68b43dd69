-- the five most severe conflicts, for the report asset's preview.
select model, metric, severity, explanation_kind, explanation
from conflicts
order by case severity when 'high' then 0 when 'medium' then 1 else 2 end, model, metric, kind
limit 5;
