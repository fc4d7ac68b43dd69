-- what the report is made from, summarised: the fingerprint of the reconciliation's inputs (its results follow
-- from them) and the latest data checks. Equal summaries mean the report would come out the same.
select
    (select max(inputs) from reconcile_state) as reconciled_from,
    (select count(*) || ':' || coalesce(cast(max(validated_at) as varchar), '') from validation_results) as checks;
