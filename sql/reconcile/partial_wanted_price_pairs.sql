-- wanted_pairs (partial_prices.sql reads it) as the (model, document) of partial_rows' undirected prices
-- (partial_wanted.sql).
create or replace temp view wanted_pairs as
select * from wanted_price_pairs;
