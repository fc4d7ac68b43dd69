-- partial_stored_digests: the stored basis of every document (bookkeeping.reconcile_documents) without the facts
-- its claims belong to (pipeline/reconcile/partial.py reads those for the changed documents only:
-- partial_stored_fact_keys.sql).
select doc_id, digest, n_claims
from bookkeeping.reconcile_documents;
