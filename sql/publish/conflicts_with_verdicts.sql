-- conflicts (of the models $models when set: one batch of the report's model pages), most severe first, each with the reconciled verdict on its fact and its reference's citations.
select
    c.*,
    coalesce(f.value_text, cast(f.value as varchar)) as verdict_value,
    f.value as verdict_number,
    f.value_high as verdict_high,
    f.unit as verdict_unit,
    f.status as verdict_status,
    f.confidence as verdict_confidence,
    f.method as verdict_method,
    (
        select list(distinct r.citation order by r.citation)
        from reference_facts as r
        where list_contains(c.reference_ids, r.ref_id) and r.citation is not null
    ) as reference_citations
from conflicts as c
left join reconciled_facts as f on c.fact_key = f.fact_key  -- its own fact (model, metric, tier, setting and currency)
where $models is null or list_contains($models, c.model)
order by case c.severity when 'high' then 0 when 'medium' then 1 else 2 end, c.model, c.metric, c.kind, c.conflict_id;
