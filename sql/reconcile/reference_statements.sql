-- reference facts as intervals, by the same rules as claims (a reference score allows half a point).
select
    ref_id, ref_source, model, snapshot, metric, unit, coalesce(tier, 'standard') as tier, setting,
    value, value_text, valid_from, valid_to, citation,
    value - case when starts_with(metric, 'score:') then 0.5 else 0.0 end as lo,
    value + case when starts_with(metric, 'score:') then 0.5 else 0.0 end as hi
from reference_facts
order by model, metric, ref_id;
