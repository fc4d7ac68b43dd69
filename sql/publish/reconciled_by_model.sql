-- the reconciled facts, model by model (of the models $models when set: one batch of the report's model pages).
select
    model, metric, tier, setting, unit, coalesce(value_text, cast(value as varchar)) as value, value_high,
    value as value_number, reference_value, currency,
    status, confidence, method, len(supporting_claim_ids) as supporting, len(dissenting_claim_ids) as dissenting,
    coalesce(reference_text, cast(reference_value as varchar)) as reference, as_of
from reconciled_facts
where $models is null or list_contains($models, model)
order by model, metric, tier, setting;
