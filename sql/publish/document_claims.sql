-- every claim of the documents $doc_ids.
select
    c.doc_id, c.claim_id, c.model, c.metric, c.unit, c.value, c.value_high, c.value_text, c.bound, c.approx,
    c.currency, c.span_start, c.span_end, c.why
from claims as c
where c.doc_id in (select unnest($doc_ids))  -- a hash semi-join (list_contains tested every id on every row)
order by c.doc_id, c.span_start, c.claim_id;
