-- statements.sql's rows narrowed to what the first pass of a full run reads (pipeline/reconcile/batched.py:
-- facts, truth-discovery votes, candidates, each document's value per fact): no quote, unit, snapshot or
-- modality, so the longest strings of a claim are not fetched for a pass that never reads them. Same order.
select
    s.claim_id, s.doc_id, s.source, s.model, s.metric, s.tier, s.setting, s.value, s.value_high, s.value_text,
    s.bound, s.approx, s.as_of, s.currency, s.published_at
from claim_statement_rows() as s
where list_contains($raw_models, s.raw_model)
order by s.model, s.metric, s.claim_id;
