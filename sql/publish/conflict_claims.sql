-- every claim of every conflict, with what a reviewer needs beside it.
select
    d.conflict_id, d.claim_id, d.claimed, d.quote, d.source, d.document_title, d.document_date,
    d.span_start, d.span_end, c.approx, c.bound, c.hedged, c.setting, c.value, c.value_high, c.value_text,
    c.unit, c.metric, c.currency, c.doc_id,
    doc.location, doc.kind as source_kind, coalesce(t.raw_text, t.text) as document_text
from v_conflicts_detail as d
join claims as c using (claim_id)
join documents as doc on doc.doc_id = c.doc_id
join document_texts as t on t.doc_id = c.doc_id
order by d.conflict_id, d.span_start;
