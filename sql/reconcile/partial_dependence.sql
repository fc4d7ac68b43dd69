-- partial_dependence: held_dependence.sql's pairs that discount a copy (P(copy) > 0; truth_arrays leaves the
-- others out), in the table's order: the stored P(copy) of the pairs of documents voting in a partial run's
-- facts (the view voters), so the copy discounts are multiplied in the same order (pipeline/reconcile/partial.py).
select d.doc_a, d.doc_b, d.probability
from source_dependence as d
where
    d.probability > 0
    and d.doc_a in (select v.doc_id from voters as v)
    and d.doc_b in (select v.doc_id from voters as v)
order by d.rowid;
