-- one batch of facts' rows from registered frames (inside the transaction clear_results.sql opened).
insert into conflicts by name select * from new_conflicts;
insert into conflict_values by name select * from new_conflict_values;
insert into reconciled_facts by name select * from new_reconciled_facts;
insert into fact_timeline by name select * from new_fact_timeline;
