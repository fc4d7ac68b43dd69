-- the start of a batched write (pipeline/reconcile/batched.py, inside one transaction): the outputs emptied,
-- then filled a batch of facts at a time by insert_facts.sql and insert_sources.sql.
delete from conflicts;
delete from conflict_values;
delete from reconciled_facts;
delete from fact_timeline;
delete from source_reliability;
delete from source_dependence;
