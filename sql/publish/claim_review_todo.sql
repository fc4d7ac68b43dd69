-- The facts whose parts of claimreview.jsonld are to be written now ($pending, their keys), cut in fact key order
-- into chunks of about $chunk reviews (a fact larger than that is a chunk of its own): claim_reviews.sql writes a
-- chunk at a time, so its sort holds a chunk's reviews, not the corpus'.
create or replace temp table claim_review_todo as
with pending as (
    select
        fact_key,
        part,
        sum(n) over (order by fact_key rows between unbounded preceding and current row) - n as before
    from claim_review_digests
    where fact_key in (select unnest($pending::varchar []))
)

select
    fact_key,
    part,
    before // $chunk as chunk
from pending;
