-- the report's headline numbers.
select
    (select count(*) from documents) as documents,
    (select count(*) from claims) as claims,
    (select count(*) from reconciled_facts) as facts,
    (select count(*) from conflicts) as conflicts,
    (select count(*) from conflicts where severity = 'high') as high,
    (select count(*) from conflicts where severity = 'medium') as medium,
    (select count(*) from conflicts where severity = 'low') as low,
    (select count(*) from reference_facts) as reference_facts,
    (select count(*) from ingest_errors) as ingest_errors;
