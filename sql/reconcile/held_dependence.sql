-- held_dependence: the stored P(copy) of the pairs of documents that vote in a partial run's facts (the
-- view voters), in the table's order: the order a read of the whole table gives, so the copy discounts
-- are multiplied in the same order (pipeline/reconcile/partial.py).
select d.doc_a, d.doc_b, d.probability
from source_dependence as d
where
    d.doc_a in (select v.doc_id from voters as v)
    and d.doc_b in (select v.doc_id from voters as v)
order by d.rowid;
