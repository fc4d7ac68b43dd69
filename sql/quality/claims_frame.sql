-- claims with what their expectations check: the metric's unit and range from the vocabulary, and the quote at its
-- span; `extractor` names the claims file of an imported claim (its batch, sql/quality/claims_pending.sql). The one
-- definition of the claims suite's frame: the keyed check reads it through a temp view, a batch at a time.
-- The claims and texts it reads are the tables, or the temp tables named by the variables claims_frame_claims and
-- claims_frame_texts when set (the pending batches' claims and their documents' texts, claims_pending_source.sql:
-- a run that validates one batch then reads one batch's texts, not every document's).
-- model_known is a join, not a correlated `exists`: DuckDB decorrelated that through a copy of every joined row,
-- the document's whole text included (gigabytes at 1,000 articles).
with known_models as (
    select distinct v.model from models as v
),

joined as (
    select
        c.*,
        -- a price keeps the currency it was stated in: usd_per_mtok becomes cny_per_mtok for a yuan price
        case when m.unit = 'usd_per_mtok' and coalesce(c.currency, 'usd') <> 'usd'
             then c.currency || '_per_mtok' else m.unit end as metric_unit,
        m.range_min,
        m.range_max,
        substring(coalesce(t.raw_text, t.text), c.span_start + 1, c.span_end - c.span_start) = c.quote as span_valid,
        k.model is not null as model_known
    from query_table(coalesce(getvariable('claims_frame_claims'), 'claims')) as c
    left join metrics as m on m.metric = case when starts_with(c.metric, 'score:') then 'score'
                                             when starts_with(c.metric, 'rating:') then 'rating' else c.metric end
    left join query_table(coalesce(getvariable('claims_frame_texts'), 'document_texts')) as t on c.doc_id = t.doc_id
    left join known_models as k on base_model(c.model) = k.model
),

final as (
    select
        claim_id, doc_id, extractor, source, model, metric, unit, value, value_high, value_text, tier, bound, quote,
        metric_unit, coalesce(span_valid, false) as span_valid, model_known,
        case when metric_unit = 'date' then value is null and value_text is not null
             else value is not null and value_text is null end as value_kind_ok,
        metric_unit = 'date' or range_min is null
            or (value >= range_min and coalesce(value_high, value) <= range_max) as value_plausible
    from joined
)

select * from final;
