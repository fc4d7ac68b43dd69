-- The first claims of the claims asset's preview.
select
    source,
    model,
    metric,
    coalesce(cast(value as varchar), value_text) as value,
    unit
from claims
order by source, span_start
limit $n_rows;
