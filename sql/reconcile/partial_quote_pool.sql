-- partial_quote_pool: every claim stating a metric in the same words of the same document as a claim of the
-- temporary table partial_rows (partial_rows.sql), as statements.sql reads them, kept in a temporary table for the
-- run: the claims partial_quotes.sql looks for, for the dissenting values of every batch, found with one scan of
-- `claims` (partial_pooled_quotes.sql reads a batch's from it) instead of one per batch.
create or replace temp table partial_quote_pool as
select
    c.claim_id, c.doc_id, c.source, base_model(c.model) as model, snapshot_of(c.model) as snapshot,
    c.metric, c.tier, c.setting, c.unit, c.value, c.value_high, c.value_text, c.bound, c.approx, c.hedged,
    c.as_of, c.quote, c.modality, coalesce(lower(c.currency), 'usd') as currency, d.published_at
from claims as c
inner join documents as d on c.doc_id = d.doc_id
semi join (select distinct r.doc_id, r.quote, r.metric from partial_rows as r) as w
    on c.doc_id = w.doc_id and c.quote = w.quote and c.metric = w.metric;
