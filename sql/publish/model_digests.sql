-- per model in conflict, a digest of what its pages show, in one pass over each table (not a query per model):
-- its conflicts, their values, the verdicts of their facts, the claims on its cards with their quote, why and span
-- (a re-extraction may change them in a document whose text did not change), and the versions of the documents
-- those claims come from (their quotes and the text around them). The cards show the first $members claims of each
-- value (conflict_claims.sql) and count the others (the value's n_claims, in its row): only those are read, not
-- every claim of every value (a large model's values hold hundreds of thousands). A model whose digest is the one
-- its pages were made from is not read again.
with conflict_part as (
    select c.model, count(*) || ':' || (sum(hash(c)::hugeint) % 18446744073709551616) as digest
    from conflicts as c
    group by c.model
),

value_part as (
    select c.model, count(*) || ':' || (sum(hash(v)::hugeint) % 18446744073709551616) as digest
    from conflict_values as v
    inner join conflicts as c on v.conflict_id = c.conflict_id
    group by c.model
),

fact_part as (
    -- the verdict each conflict's card shows from its fact, the confidence as printed (a confidence that moved in
    -- its third decimal, as one changed article moves every fact it touches, shows nothing new)
    select
        x.model,
        count(*) || ':' || (sum(hash(
            x.fact_key, f.value, f.value_high, f.value_text, f.unit, f.status, f.method,
            printf('%.2f', coalesce(f.confidence, 0))
        )::hugeint) % 18446744073709551616) as digest
    from (select distinct c.model, c.fact_key from conflicts as c) as x
    inner join reconciled_facts as f on x.fact_key = f.fact_key
    group by x.model
),

member_claims as (
    select distinct m.model, cl.claim_id, cl.doc_id, cl.quote, cl.why, cl.span_start, cl.span_end, cl.source
    from (
        select c.model, unnest(list_slice(v.claim_ids, 1, $members)) as claim_id
        from conflict_values as v
        inner join conflicts as c on v.conflict_id = c.conflict_id
    ) as m
    inner join claims as cl on m.claim_id = cl.claim_id
),

claim_part as (
    select
        m.model,
        count(*) || ':' || (sum(hash(m.claim_id, m.quote, m.why, m.span_start, m.span_end, m.source)::hugeint)
            % 18446744073709551616) as digest
    from member_claims as m
    group by m.model
),

member_docs as (
    select distinct m.model, m.doc_id
    from member_claims as m
),

document_part as (
    select
        m.model,
        count(*) || ':' || (sum(hash(d.doc_id, d.sha256, d.title, d.published_at, d.location)::hugeint)
            % 18446744073709551616) as digest
    from member_docs as m
    inner join documents as d on m.doc_id = d.doc_id
    group by m.model
)

select
    c.model,
    c.digest || '/' || coalesce(v.digest, '') || '/' || coalesce(f.digest, '') || '/' || coalesce(d.digest, '')
    || '/' || coalesce(m.digest, '') as digest
from conflict_part as c
left join value_part as v on c.model = v.model
left join fact_part as f on c.model = f.model
left join document_part as d on c.model = d.model
left join claim_part as m on c.model = m.model;
