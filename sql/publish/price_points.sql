-- standard-tier prices over time: what sources claimed (dated by as_of or the document's date) and reference prices.
-- Dollar prices only: a price stated in yuan or euros is not on the same axis (prices are never converted).
select 'claim' as origin, model, metric, value, coalesce(as_of, document_date) as on_date, source as label
from v_claims
where metric in ('price_input', 'price_output') and tier = 'standard' and value is not null
  and unit = 'usd_per_mtok'
union all
select 'reference' as origin, model, metric, value, valid_from as on_date,
       ref_source || coalesce(' ' || snapshot, '') as label
from reference_facts
where metric in ('price_input', 'price_output') and coalesce(tier, 'standard') = 'standard'
  and valid_from is not null
  and model in (select model from claims where metric like 'price%')
order by model, metric, on_date;
