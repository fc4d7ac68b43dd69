-- The parts of claimreview.jsonld to be written now ($pending, their names), cut in file order
-- into chunks of about $chunk reviews (a part larger than that is a chunk of its own): claim_reviews.sql writes a
-- chunk at a time, so its sort holds a chunk's reviews, not the corpus'.
create or replace temp table claim_review_todo as
with pending as (
    select
        fact_key,
        buckets,
        bucket,
        part,
        sum(n) over (order by fact_key, bucket rows between unbounded preceding and current row) - n as before
    from claim_review_digests
    where part in (select unnest($pending::varchar []))
)

select
    fact_key,
    buckets,
    bucket,
    part,
    before // $chunk as chunk
from pending;
