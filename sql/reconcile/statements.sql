-- statements: each claim with what reconciliation needs beside it: its base model and dated
-- snapshot (snapshot_of/base_model, sql/schema/005_reconcile.sql), its currency (usd unless stated)
-- and its document's date. The tolerance rules (intervals) are pipeline/reconcile/policy.py's.
-- $raw_models (models as the claims name them: a batch of whole base models, pipeline/reconcile/batched.py)
-- and $docs (some documents' claims, pipeline/reconcile/partial.py) narrow it; NULL reads every claim.
select
    c.claim_id, c.doc_id, c.source, base_model(c.model) as model, snapshot_of(c.model) as snapshot,
    c.metric, c.tier, c.setting, c.unit, c.value, c.value_high, c.value_text, c.bound, c.approx, c.hedged,
    c.as_of, c.quote, c.modality, coalesce(lower(c.currency), 'usd') as currency, d.published_at
from claims as c
inner join documents as d using (doc_id)
where
    ($raw_models is null or list_contains($raw_models, c.model))
    and ($docs is null or list_contains($docs, c.doc_id))
order by model, c.metric, c.claim_id;
