-- every claim of the documents $doc_ids (when set; else of every document holding a claim in conflict).
select
    c.doc_id, c.claim_id, c.model, c.metric, c.unit, c.value, c.value_high, c.value_text, c.bound, c.approx,
    c.currency, c.span_start, c.span_end, c.why
from claims as c
where ($doc_ids is null and c.doc_id in (select cl.doc_id from claims as cl where cl.claim_id in (select unnest(claim_ids) from conflicts)))
    or list_contains($doc_ids, c.doc_id)
order by c.doc_id, c.span_start, c.claim_id;
