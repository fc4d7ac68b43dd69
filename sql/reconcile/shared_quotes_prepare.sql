-- once per run: the claims (as statements.sql reads them) whose quote, in their document, also gives a value
-- to another model; shared_quotes.sql reads it per batch of models. A temporary table: gone with the connection.
create or replace temp table reconcile_shared_quotes as
with shared as (
    select doc_id, quote
    from claims
    where quote is not null
    group by doc_id, quote
    having count(distinct base_model(model)) > 1
)

select
    c.claim_id, c.doc_id, c.source, base_model(c.model) as model, snapshot_of(c.model) as snapshot,
    c.metric, c.tier, c.setting, c.unit, c.value, c.value_high, c.value_text, c.bound, c.approx, c.hedged,
    c.as_of, c.quote, c.modality, coalesce(lower(c.currency), 'usd') as currency, d.published_at
from claims as c
join shared as s on c.doc_id = s.doc_id and c.quote = s.quote
join documents as d on c.doc_id = d.doc_id;
