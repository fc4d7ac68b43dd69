-- every claim of every document that holds a claim in conflict, for the full-document view.
select
    c.doc_id, c.claim_id, c.model, c.metric, c.unit, c.value, c.value_high, c.value_text, c.bound, c.approx,
    c.currency, c.span_start, c.span_end
from claims as c
where c.doc_id in (select cl.doc_id from claims as cl where cl.claim_id in (select unnest(claim_ids) from conflicts))
order by c.doc_id, c.span_start, c.claim_id;
