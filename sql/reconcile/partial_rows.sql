-- partial_rows: the claims a partial reconciliation reads again (partial_claim_rows() of every batch's base models
-- $raw_models, the facts $keys and the changed documents $docs), kept in a temporary table for the run: one scan of
-- `claims` and one fact key per claim, not one scan per batch of models and another for the scope
-- (pipeline/reconcile/partial_context.py reads its scope from it, partial.py each batch's claims).
create or replace temp table partial_rows as
select *
from partial_claim_rows($raw_models, $keys, $docs);
