-- partial_snapshots: the dated snapshots the claims of the models $raw_models name, each once, in the order
-- statements.sql reads the claims (the first naming a date names it: explain.version_dates_of).
select model, snapshot
from (
    select
        base_model(model) as model, snapshot_of(model) as snapshot, metric, claim_id,
        row_number() over (partition by base_model(model), snapshot_of(model) order by metric, claim_id) as n
    from claims
    where list_contains($raw_models, model) and snapshot_of(model) is not null
)
where n = 1
order by model, metric, claim_id;
