-- wanted_pairs (partial_epochs.sql reads it) as every (model, document) of partial_rows (partial_wanted.sql).
create or replace temp view wanted_pairs as
select * from wanted_every_pair;
