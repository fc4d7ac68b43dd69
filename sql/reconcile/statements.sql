-- statements: each claim as an interval of values it allows, by the tolerance rules.
--   exact figures allow only themselves (any real difference conflicts);
--   an approx figure (~, 约, about) allows 10% either side;
--   a benchmark score allows half a point either side (scores > 1 point apart conflict);
--   a bound (<= 300, 超过 100) allows everything on its side;
--   a range (50-100) allows the range; overlapping intervals agree.
-- Dates keep their text: one agrees with another that it starts with (2024-05 ~ 2024-05-13).
-- A price in another currency than usd is another fact: its currency joins its setting
-- ('currency:cny'), so it is never compared with a dollar price (prices are never converted).
with claim_facts as (
    select
        c.*,
        regexp_replace(c.model, '-(\d{4}-\d{2}-\d{2})$', '') as base_model,
        case when regexp_matches(c.model, '-\d{4}-\d{2}-\d{2}$') then c.model end as snapshot,
        d.published_at,
        least(c.value, coalesce(c.value_high, c.value)) as low,
        greatest(c.value, coalesce(c.value_high, c.value)) as high,
        case when c.approx then 0.10 else 0.0 end as approx_share,
        case when starts_with(c.metric, 'score:') then 0.5 else 0.0 end as score_slack
    from claims as c
    join documents as d using (doc_id)
),

final as (
    select
        claim_id, doc_id, source, base_model as model, snapshot, metric, tier,
        case when coalesce(currency, 'usd') = 'usd' then setting
             else concat_ws(';', setting, 'currency:' || currency) end as setting,
        unit,
        value, value_high, value_text, bound, approx, hedged, as_of, published_at, quote,
        case when bound = 'lte' then -1e300 else low * (1 - approx_share) - score_slack end as lo,
        case when bound = 'gte' then 1e300 else high * (1 + approx_share) + score_slack end as hi
    from claim_facts
)

select * from final order by model, metric, claim_id;
