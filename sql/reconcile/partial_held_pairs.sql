-- partial_held_pairs: the stored pairs of documents that discount a copy (P(copy) > 0; truth_arrays leaves the
-- others out), in the table's order, read once per partial run (pipeline/reconcile/partial.py keeps those of each
-- batch's voters): the copy discounts are multiplied in the order a read of the whole table gives.
select d.doc_a, d.doc_b, d.probability
from source_dependence as d
where d.probability > 0
order by d.rowid;
