-- The claims' sources in file order with their claim counts: claimreview.jsonld is written a range of them at a
-- time (one column of the claims grouped: no claim row is read whole).
select
    source,
    count(*) as n
from claims
group by source
order by source;
