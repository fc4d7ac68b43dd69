-- the reconciliation's outputs, replaced whole from registered frames in one transaction.
delete from conflicts;
insert into conflicts by name select * from new_conflicts;
delete from reconciled_facts;
insert into reconciled_facts by name select * from new_reconciled_facts;
delete from fact_timeline;
insert into fact_timeline by name select * from new_fact_timeline;
delete from source_reliability;
insert into source_reliability by name select * from new_source_reliability;
delete from conflict_values;
insert into conflict_values by name select * from new_conflict_values;
delete from source_dependence;
insert into source_dependence by name select * from new_source_dependence;
-- a decision whose target no longer exists is kept and shown as stale, never applied
update reviews set stale = (review_id in (select review_id from stale_reviews));
