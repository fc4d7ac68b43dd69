-- what every claims batch is checked against besides its claims: the metrics' units and ranges and the known
-- models (small vocabulary tables, summarised as row count and the sum of their rows' hashes).
select
    (select count(*) || ':' || coalesce(sum(hash(m)::hugeint) % 18446744073709551616, 0) from metrics as m)
    || '/'
    || (select count(*) || ':' || coalesce(sum(hash(v)::hugeint) % 18446744073709551616, 0) from models as v)
    as summary;
