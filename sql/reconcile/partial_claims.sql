-- partial_claims: the claims a partial reconciliation decides again (pipeline/reconcile/partial.py), as
-- statements.sql reads them: partial_claim_rows() (sql/schema/005_reconcile.sql) of the base models $raw_models,
-- the facts $keys and the changed documents $docs.
select *
from partial_claim_rows($raw_models, $keys, $docs)
order by model, metric, claim_id;
