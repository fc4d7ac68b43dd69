-- what the report is made from, summarised: the fingerprint of the reconciliation's inputs (its results follow
-- from them), the outcome of the latest data checks (not their time: checks passing again change nothing) and
-- which extraction and imports the claims came from (a re-extraction may change only how claims were read, their
-- why, which reconciliation does not read; counted per document and file, not per claim).
with latest as (
    select suite, arg_max(run_id, validated_at) as run_id from validation_results group by suite
)

select
    (select max(inputs) from bookkeeping.reconcile_state) as reconciled_from,
    (
        select count(*) || ':' || coalesce(sum(hash(v.suite, v.expectation, v.success, v.unexpected_count)), 0)
        from validation_results as v
        inner join latest as l on v.suite = l.suite and v.run_id = l.run_id
    ) as checks,
    (
        select count(*) || ':' || coalesce(sum(hash(doc_id, sha256, extractor)), 0)
        from extraction_state
    ) as extracted,
    (
        select count(*) || ':' || coalesce(sum(hash(file_name, sha256, docs_key)), 0)
        from claim_imports
    ) as imported;
