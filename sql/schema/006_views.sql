-- v_claims: one row per claim, with the title, date and language of the document saying it,
-- when it was asserted (its own as_of, else the document's date) and, where known, from when
-- the value held (the validity of the reference value it matches).
create or replace view v_claims as
with held as (
    select unnest(claim_ids) as claim_id, valid_from as held_from
    from fact_timeline
    where origin = 'claim' and claim_ids is not null
)

select
    c.claim_id, c.model, c.metric, c.value, c.value_high, c.value_text, c.unit, c.tier, c.bound, c.approx,
    c.hedged, c.modality, c.setting, c.as_of, c.quote, c.span_start, c.span_end, c.why,
    c.source, d.title as document_title, d.published_at as document_date, d.lang, c.doc_id,
    coalesce(c.as_of, d.published_at) as asserted_at, h.held_from
from claims as c
join documents as d using (doc_id)
left join held as h using (claim_id);

-- v_conflicts_detail: one row per claim shown on each conflict's card (the claims of its values),
-- with its quote, how it was read (why) and source, the value it states and whether that value was chosen.
create or replace view v_conflicts_detail as
with members as (
    select
        c.conflict_id, c.model, c.metric, c.tier, c.setting, c.kind, c.severity, c.reference_value,
        c.reference_text, c.explanation_kind, c.explanation, v.shown as value_shown, v.chosen,
        v.explanation_kind as value_explanation_kind, unnest(v.claim_ids) as claim_id
    from conflicts as c
    join conflict_values as v using (conflict_id)
)

select
    m.conflict_id, m.model, m.metric, m.tier, m.setting, m.kind, m.severity,
    coalesce(cast(c.value as varchar), c.value_text) as claimed, c.approx, c.bound, c.quote, c.why,
    c.source, c.document_title, c.document_date, c.span_start, c.span_end,
    m.reference_value, m.reference_text, m.explanation_kind, m.explanation, m.claim_id,
    m.value_shown, m.chosen, m.value_explanation_kind
from members as m
join v_claims as c using (claim_id);

-- v_model_facts: one row per model, a column per main metric (standard tier, no setting) with its status.
create or replace view v_model_facts as
with facts as (
    select
        model, metric, status,
        coalesce(value_text, cast(value as varchar)) as shown
    from reconciled_facts
    where tier = 'standard' and setting is null
)

select
    model,
    max(shown) filter (where metric = 'price_input') as price_input,
    max(status) filter (where metric = 'price_input') as price_input_status,
    max(shown) filter (where metric = 'price_output') as price_output,
    max(status) filter (where metric = 'price_output') as price_output_status,
    max(shown) filter (where metric = 'context_window') as context_window,
    max(status) filter (where metric = 'context_window') as context_window_status,
    max(shown) filter (where metric = 'max_output') as max_output,
    max(status) filter (where metric = 'max_output') as max_output_status,
    max(shown) filter (where metric = 'throughput') as throughput,
    max(status) filter (where metric = 'throughput') as throughput_status,
    max(shown) filter (where metric = 'latency') as latency,
    max(status) filter (where metric = 'latency') as latency_status,
    max(shown) filter (where metric = 'release_date') as release_date,
    max(status) filter (where metric = 'release_date') as release_date_status,
    max(shown) filter (where metric = 'knowledge_cutoff') as knowledge_cutoff,
    max(status) filter (where metric = 'knowledge_cutoff') as knowledge_cutoff_status,
    max(shown) filter (where metric = 'parameters') as parameters,
    max(status) filter (where metric = 'parameters') as parameters_status
from facts
group by model
order by model;
