-- The parts of chunk $chunk of claim_review_todo.sql, a row each: its name and its text, one schema.org ClaimReview
-- per claim of a reconciled fact as JSON text, a line each (joined by ',' and the @graph's indent), in file order:
-- source, span, claim id (built here, not in Python; a chunk at a time, so the sort holds a chunk's reviews, not
-- the corpus'). The rating follows the claim's verdict against its fact; <, >, & and the line separators are \u
-- escapes (inert in a <script> block). $published: the review date (ISO).
-- Reads the temporary tables of claim_review_facts.sql and claim_review_todo.sql.
with verdicts as (
    select
        t.part, c.claim_id, c.source, c.span_start, c.model, c.quote, d.published_at, fc.status, fc.method,
        replace(c.metric, '_', ' ') as metric,
        coalesce(nullif(c.value_text, ''), printf('%g', c.value) || ' ' || c.unit, '?') as claimed,
        coalesce(nullif(fc.value_text, ''), printf('%g', fc.value) || ' ' || c.unit, '') as reconciled,
        printf('%.2f', coalesce(fc.confidence, 0)) as confidence,
        case when d.kind = 'url' then d.location else 'file:' || d.location end as url,
        coalesce(nullif(d.title, ''), c.source) as title,
        case
            when cf.agrees and fc.status = 'single_source' then 3
            when cf.agrees and c.approx then 4
            when cf.agrees then 5
            else 1
        end as rating
    from claim_review_todo as t
    inner join claim_review_facts as cf on t.fact_key = cf.fact_key
    inner join reconciled_facts as fc on cf.fact_key = fc.fact_key
    inner join claims as c on cf.claim_id = c.claim_id
    inner join documents as d on c.doc_id = d.doc_id
    where t.chunk = $chunk and hash(c.source) % t.buckets = t.bucket
),

reviews as (
    select
        part,
        source,
        span_start,
        claim_id,
        json_object(
            '@context', 'https://schema.org', '@type', 'ClaimReview',
            'identifier', claim_id,
            'claimReviewed', model || ' ' || metric || ': ' || claimed || ' (' || chr(8220) || quote || chr(8221) || ')',
            'itemReviewed', json_object(
                '@type', 'Claim',
                'appearance', case
                    when published_at is null then json_object('@type', 'CreativeWork', 'url', url, 'name', title)
                    else json_object(
                        '@type', 'CreativeWork', 'url', url, 'name', title,
                        'datePublished', strftime(published_at, '%Y-%m-%d')
                    )
                end,
                'author', json_object('@type', 'Organization', 'name', source)
            ),
            'reviewRating', json_object(
                '@type', 'Rating', 'ratingValue', rating, 'bestRating', 5, 'worstRating', 1,
                'alternateName', case rating
                    when 5 then 'Supported by the reconciled value'
                    when 4 then 'Approximately right'
                    when 1 then 'Contradicted by the reconciled value'
                    else 'Single source, not cross-checked'
                end
            ),
            'reviewBody', 'Reconciled value: ' || reconciled || ' (' || status || ', confidence ' || confidence
            || '; ' || method || ').',
            'datePublished', $published,
            'author', json_object('@type', 'Organization', 'name', 'claims-warehouse')
        )::varchar as review
    from verdicts
)

select
    part,
    string_agg(
        replace(
            replace(
                replace(replace(replace(review, '<', '\u003c'), '>', '\u003e'), '&', '\u0026'), chr(8232), '\u2028'
            ),
            chr(8233),
            '\u2029'
        ),
        ',' || chr(10) || '  '
        order by source, span_start, claim_id
    ) as reviews
from reviews
group by part
order by part;
