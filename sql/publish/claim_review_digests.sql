-- Each reconciled fact with reviews in claimreview.jsonld: its part's name (md5 of the fact key), its review count
-- and a digest of everything its reviews show (the claims' fields, their documents', the verdict, and the fact's
-- value, status, method and confidence as printed), so a run writes again only the parts whose digest changed.
-- Reads the temporary table of claim_review_facts.sql; kept as a temporary table for claim_review_todo.sql.
create or replace temp table claim_review_digests as
with shown as (
    select
        cf.fact_key,
        hash(
            c.claim_id, c.source, c.span_start, c.model, c.metric, c.quote, c.value, c.value_text, c.unit, c.approx,
            cf.agrees, d.kind, d.location, d.title, d.published_at
        ) as digest
    from claim_review_facts as cf
    inner join claims as c on cf.claim_id = c.claim_id
    inner join documents as d on c.doc_id = d.doc_id
),

per_fact as (
    select
        fact_key,
        count(*) as n,
        sum(digest::hugeint) % 18446744073709551616 as digest
    from shown
    group by fact_key
)

select
    p.fact_key,
    md5(p.fact_key) as part,
    p.n,
    p.n || ':' || p.digest || ':' || hash(
        f.value, f.value_text, f.status, f.method, printf('%.2f', coalesce(f.confidence, 0))
    ) as digest
from per_fact as p
inner join reconciled_facts as f on p.fact_key = f.fact_key;

select
    fact_key,
    part,
    n,
    digest
from claim_review_digests
order by fact_key;
