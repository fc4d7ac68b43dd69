-- standard-tier prices over time: what sources claimed (dated by as_of or the document's date) and reference prices.
-- Dollar prices only: a price stated in yuan or euros is not on the same axis (prices are never converted).
-- Claims of one price on one date are one point (n sources), so a chart stays small however many repeat it.
select 'claim' as origin, model, metric, value, coalesce(as_of, document_date) as on_date, min(source) as label,
       count(*) as n
from v_claims
where metric in ('price_input', 'price_output') and tier = 'standard' and value is not null
  and unit = 'usd_per_mtok'
group by model, metric, value, coalesce(as_of, document_date)
union all
select 'reference' as origin, model, metric, value, valid_from as on_date,
       ref_source || coalesce(' ' || snapshot, '') as label, 1 as n
from reference_facts
where metric in ('price_input', 'price_output') and coalesce(tier, 'standard') = 'standard'
  and valid_from is not null
  and model in (select model from claims where metric like 'price%')
order by model, metric, on_date, value;
