-- reference facts with their metric's unit and range from the vocabulary.
with joined as (
    select r.*, m.unit as metric_unit, m.range_min, m.range_max
    from reference_facts as r
    left join metrics as m on m.metric = case when starts_with(r.metric, 'score:') then 'score'
                                             when starts_with(r.metric, 'rating:') then 'rating' else r.metric end
),

final as (
    select
        ref_id, ref_source, model, metric, unit, value, value_text, citation, metric_unit,
        valid_from is null or valid_to is null or valid_from <= valid_to as period_ok,
        metric_unit = 'date' or range_min is null or (value >= range_min and value <= range_max) as value_plausible
    from joined
)

select * from final;
