-- reference facts as statements (their intervals by the same rules as claims: policy.interval).
select
    ref_id, ref_source, model, snapshot_of(snapshot) as snapshot, metric, unit, coalesce(tier, 'standard') as tier, setting,
    value, value_text, valid_from, valid_to, citation
from reference_facts
order by model, metric, ref_id;
