-- a partial reconciliation's write (one transaction): the rows of the recomputed facts and of the changed
-- documents' related-task conflicts replaced, the changed documents' reliability rows replaced, and the
-- agreeing counts of the other documents with claims in those facts moved by their deltas.
delete from conflict_values
where conflict_id in (select conflict_id from conflicts where list_contains($keys, fact_key))
    or list_contains($old_conflicts, conflict_id);
delete from conflicts where list_contains($keys, fact_key) or list_contains($old_conflicts, conflict_id);
delete from reconciled_facts where list_contains($keys, fact_key);
delete from fact_timeline where list_contains($keys, fact_key);
insert into conflicts by name select * from new_conflicts;
insert into conflict_values by name select * from new_conflict_values;
insert into reconciled_facts by name select * from new_reconciled_facts;
insert into fact_timeline by name select * from new_fact_timeline;
delete from source_reliability where list_contains($docs, doc_id);
insert into source_reliability by name select * from new_source_reliability;
update source_reliability as r
set n_agreeing = r.n_agreeing + d.delta, n_disagreeing = r.n_disagreeing - d.delta
from agreeing_deltas as d
where r.doc_id = d.doc_id;
