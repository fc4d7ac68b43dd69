-- conflicts, most severe first, each with the reconciled verdict on its fact.
select
    c.*,
    coalesce(f.value_text, cast(f.value as varchar)) as verdict_value,
    f.status as verdict_status,
    f.confidence as verdict_confidence,
    f.method as verdict_method
from conflicts as c
left join reconciled_facts as f
    on f.model = c.model and f.metric = c.metric and f.tier = c.tier
    and coalesce(f.setting, '') = coalesce(c.setting, '')
order by case c.severity when 'high' then 0 when 'medium' then 1 else 2 end, c.model, c.metric, c.kind;
