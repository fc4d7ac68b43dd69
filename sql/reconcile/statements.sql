-- statements: each claim as reconciliation reads it (the table macro claim_statement_rows, sql/schema/005_reconcile.sql).
-- The tolerance rules (intervals) are pipeline/reconcile/policy.py's.
-- $raw_models (models as the claims name them: a batch of whole base models, pipeline/reconcile/batched.py)
-- and $docs (some documents' claims, pipeline/reconcile/partial.py) narrow it; NULL reads every claim.
select s.* exclude (raw_model)
from claim_statement_rows() as s
where
    ($raw_models is null or list_contains($raw_models, s.raw_model))
    and ($docs is null or list_contains($docs, s.doc_id))
order by s.model, s.metric, s.claim_id;
