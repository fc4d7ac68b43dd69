-- one batch of the claims frame (see claims_frame.sql): a document batch ('doc:K/N', the claims extracted from
-- the documents whose doc_id hashes to K of N) or the claims imported from one file ('import:NAME'). Only the
-- batch's own documents' texts are read.
with batch_claims as (
    select c.*
    from claims as c
    where
        case
            when starts_with(coalesce(c.extractor, ''), 'import:') then c.extractor = $batch
            else 'doc:' || (hash(c.doc_id) % $n) || '/' || $n = $batch
        end
),

texts as (
    select t.doc_id, coalesce(t.raw_text, t.text) as text
    from document_texts as t
    where t.doc_id in (select b.doc_id from batch_claims as b)
),

joined as (
    select
        c.*,
        -- a price keeps the currency it was stated in: usd_per_mtok becomes cny_per_mtok for a yuan price
        case when m.unit = 'usd_per_mtok' and coalesce(c.currency, 'usd') <> 'usd'
             then c.currency || '_per_mtok' else m.unit end as metric_unit,
        m.range_min,
        m.range_max,
        substring(t.text, c.span_start + 1, c.span_end - c.span_start) = c.quote as span_valid,
        exists (select 1 from models as v where v.model = base_model(c.model)) as model_known
    from batch_claims as c
    left join metrics as m on m.metric = case when starts_with(c.metric, 'score:') then 'score'
                                             when starts_with(c.metric, 'rating:') then 'rating' else c.metric end
    left join texts as t on c.doc_id = t.doc_id
),

final as (
    select
        claim_id, doc_id, source, model, metric, unit, value, value_high, value_text, tier, bound, quote,
        metric_unit, coalesce(span_valid, false) as span_valid, model_known,
        case when metric_unit = 'date' then value is null and value_text is not null
             else value is not null and value_text is null end as value_kind_ok,
        metric_unit = 'date' or range_min is null
            or (value >= range_min and coalesce(value_high, value) <= range_max) as value_plausible
    from joined
)

select * from final;
