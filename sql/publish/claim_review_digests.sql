-- The parts of claimreview.jsonld: a fact's reviews, cut when the fact has more than $part_reviews of them into a
-- power of two of parts by the hash of the claim's source (so one changed document touches one part of a large
-- fact). Each part with its name (md5 of the fact key and its bucket), its review count and a digest of everything
-- its reviews show (the claims' fields, their documents', the verdict, and the fact's value, status, method and
-- confidence as printed), so a run writes again only the parts whose digest changed. Reads the temporary table of
-- claim_review_facts.sql; kept as a temporary table for claim_review_todo.sql.
create or replace temp table claim_review_digests as
with shown as (
    select
        cf.fact_key,
        c.source,
        hash(
            c.claim_id, c.source, c.span_start, c.model, c.metric, c.quote, c.value, c.value_text, c.unit, c.approx,
            cf.agrees, d.kind, d.location, d.title, d.published_at
        ) as digest,
        fc.fact_reviews
    from claim_review_facts as cf
    -- each fact's review count by a grouped join: a window over the 1.7 million wide rows of 10,000 articles
    -- cost three times the whole query (6.5 s against 2.4)
    inner join (
        select fact_key, count(*) as fact_reviews
        from claim_review_facts
        group by fact_key
    ) as fc on cf.fact_key = fc.fact_key
    inner join claims as c on cf.claim_id = c.claim_id
    inner join documents as d on c.doc_id = d.doc_id
),

sized as (
    select
        *,
        -- 1, 2, 4, ... parts: at most about $part_reviews reviews each
        (2 ** ceil(log2(greatest(ceil(fact_reviews / $part_reviews), 1))))::ubigint as buckets
    from shown
),

per_part as (
    select
        fact_key,
        buckets,
        hash(source) % buckets as bucket,
        count(*) as n,
        sum(digest::hugeint) % 18446744073709551616 as digest
    from sized
    group by fact_key, buckets, bucket
)

select
    p.fact_key,
    p.buckets,
    p.bucket,
    md5(p.fact_key || '#' || p.bucket || '/' || p.buckets) as part,
    p.n,
    p.n || ':' || p.digest || ':' || hash(
        f.value, f.value_text, f.status, f.method, printf('%.2f', coalesce(f.confidence, 0))
    ) as digest
from per_part as p
inner join reconciled_facts as f on p.fact_key = f.fact_key;

select
    fact_key,
    part,
    n,
    digest
from claim_review_digests
order by fact_key, bucket;
