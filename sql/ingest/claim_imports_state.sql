-- what each claims file was last imported against, and how many of its claims are still in claims.
select
    i.file_name, i.extractor, i.sha256, i.docs_key, i.n_claims,
    (select count(*) from claims as c where c.extractor = i.extractor) as n_present
from claim_imports as i;
