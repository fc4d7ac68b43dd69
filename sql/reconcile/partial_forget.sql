-- the temporary tables and views of a partial reconciliation (partial_rows.sql, partial_quote_pool.sql,
-- partial_wanted.sql), dropped once its batches are read.
drop view if exists wanted_pairs;
drop view if exists wanted_every_pair;
drop view if exists wanted_price_pairs;
drop view if exists wanted_metrics;
drop view if exists wanted_docs;
drop table if exists partial_quote_pool;
drop table if exists partial_rows;
