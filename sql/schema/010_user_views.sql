-- Views and a macro users asked for (issue 12): price periods with their end filled in, the pairs of
-- sources that disagree about a fact, and a lookup by any written name of a model.

-- v_price_history: one row per model, metric, tier, currency and price period (snapshots merged) from the
-- reference datasets; valid_to is the stated end, else the start of the next dated period (an undated
-- price, valid_from NULL, is not chained).
create or replace view v_price_history as
with stated as (
    select
        model, metric, coalesce(tier, 'standard') as tier,
        split_part(unit, '_per_', 1) as currency, unit, valid_from,
        mode(value) as value, min(valid_to) as stated_valid_to,
        list(distinct coalesce(snapshot, model) order by coalesce(snapshot, model)) as snapshots,
        list(distinct ref_source order by ref_source) as ref_sources,
        list(distinct citation order by citation) as citations
    from reference_facts
    where metric like 'price%' and value is not null
    group by all
)
select
    model, metric, tier, currency, unit, value, valid_from,
    coalesce(stated_valid_to, case when valid_from is not null then lead(valid_from) over (
        partition by model, metric, tier, currency, valid_from is null order by valid_from) end) as valid_to,
    snapshots, ref_sources, citations
from stated;

-- v_source_disagreements: one row per pair of documents stating different values of one fact
-- (the values of a conflict, paired), with both quotes' claims and the conflict's explanation.
create or replace view v_source_disagreements as
with stated as (
    select v.conflict_id, v.value_rank, v.shown, v.chosen, unnest(v.claim_ids) as claim_id
    from conflict_values as v
),
by_doc as (
    select s.conflict_id, s.value_rank, s.shown, s.chosen, c.doc_id, c.source,
           list(s.claim_id order by s.claim_id) as claim_ids
    from stated as s
    join claims as c using (claim_id)
    group by all
)
select
    f.conflict_id, f.model, f.metric, f.tier, f.setting, f.currency, f.kind, f.severity,
    a.source as source_a, a.shown as value_a, a.chosen as chosen_a, a.claim_ids as claim_ids_a,
    b.source as source_b, b.shown as value_b, b.chosen as chosen_b, b.claim_ids as claim_ids_b,
    f.explanation_kind, f.explanation
from by_doc as a
join by_doc as b on a.conflict_id = b.conflict_id and a.value_rank < b.value_rank and a.doc_id <> b.doc_id
join conflicts as f on f.conflict_id = a.conflict_id;

-- model_facts(name): the reconciled facts of the model any written name or alias denotes
-- (`GPT-4o`, `GPT-4 omni`, `gpt-4o`), its dated snapshots included; `asked` echoes the name.
create or replace macro model_facts(name) as table
with wanted as (
    select model from models where lower(model) = lower(trim(name))
    union
    select model from model_aliases where lower(alias) = lower(trim(name))
)
select trim(name) as asked, f.*
from reconciled_facts as f
where f.model in (select model from wanted) or base_model(f.model) in (select model from wanted)
order by f.model, f.metric, f.tier, f.setting nulls first;
