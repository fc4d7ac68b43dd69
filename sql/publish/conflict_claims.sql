-- the claims shown on the conflicts' cards (of the models $models when set: one batch of the report's model pages): at most $members per value, in
-- the value's order; the text around each span is cut here, so no document's whole text leaves the database.
-- (claims and documents directly, not v_claims: the view's fact_timeline join cost every model's page a scan.)
with wanted as (
    select v.conflict_id, v.value_rank, v.claim_ids
    from conflict_values as v
    join conflicts as c using (conflict_id)
    where $models is null or list_contains($models, c.model)
),

members as (
    select conflict_id, value_rank, unnest(claim_ids) as claim_id, generate_subscripts(claim_ids, 1) as position
    from wanted
),

shown as (
    select conflict_id, claim_id
    from members
    qualify row_number() over (partition by conflict_id, value_rank order by position) <= $members
),

cut as (
    select
        s.conflict_id, s.claim_id, c.doc_id, c.span_start, c.span_end,
        length(coalesce(t.raw_text, t.text)) as text_length,
        substring(
            coalesce(t.raw_text, t.text), greatest(c.span_start - $context, 0) + 1,
            greatest(c.span_start - greatest(c.span_start - $context, 0), 0)
        ) as before,
        substring(coalesce(t.raw_text, t.text), c.span_end + 1, $context) as after,
        substring(
            coalesce(t.raw_text, t.text), greatest(c.span_start - $reach, 0) + 1,
            greatest(c.span_start - greatest(c.span_start - $reach, 0), 0)
        ) as lines_before,
        substring(coalesce(t.raw_text, t.text), c.span_start + 1, $reach) as line_rest
    from (select distinct conflict_id, claim_id from shown) as s
    inner join claims as c on s.claim_id = c.claim_id
    inner join document_texts as t on c.doc_id = t.doc_id
)

select
    x.conflict_id, x.claim_id, coalesce(cast(c.value as varchar), c.value_text) as claimed, c.quote, c.source,
    doc.title as document_title, doc.published_at as document_date, x.span_start, x.span_end, c.approx, c.bound,
    c.hedged, c.setting, c.value, c.value_high, c.value_text, c.unit, c.metric, c.currency, c.why, c.doc_id,
    doc.location,
    doc.kind as source_kind, x.text_length, x.before, x.after,
    case when x.in_table then x.lines_before else '' end as lines_before,
    case when x.in_table then split_part(x.line_rest, chr(10), 1) else '' end as line_rest
from (
    -- the text before a quote is sent only when its line is a table row (to find the table's header row):
    -- sending $reach characters both sides of every quote was most of the report's reading
    select
        *,
        regexp_matches(regexp_extract(lines_before, '[^\n]*$') || split_part(line_rest, chr(10), 1), '^\s*\|')
        as in_table
    from cut
) as x
inner join claims as c on x.claim_id = c.claim_id
inner join documents as doc on c.doc_id = doc.doc_id
order by x.conflict_id, x.span_start, x.claim_id;
