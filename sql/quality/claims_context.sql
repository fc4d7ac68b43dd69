-- what every claims batch is checked against besides its claims: the metrics' units and ranges and the known
-- models (small vocabulary tables, summarised as row count and the sum of their rows' hashes).
select
    (select rows_digest(m) from metrics as m)
    || '/'
    || (select rows_digest(v) from models as v)
    as summary;
