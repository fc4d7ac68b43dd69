-- reconciled facts with whether a disputed one is explained by a conflict.
select
    fact_key, model, metric, tier, status, confidence,
    status <> 'disputed' or coalesce(length(explanation), 0) > 0 as explained_if_disputed,
    value is not null or value_text is not null as has_value
from reconciled_facts;
