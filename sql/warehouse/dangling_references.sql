-- derived rows that refer to a claim or document the warehouse does not hold, per table.
-- A build with any is not published (pipeline/store/runlock.py).
with conflict_claims as (
    select unnest(claim_ids) as claim_id from conflicts
),

value_claims as (
    select unnest(claim_ids) as claim_id from conflict_values
),

fact_claims as (
    select unnest(list_concat(supporting_claim_ids, dissenting_claim_ids)) as claim_id from reconciled_facts
),

timeline_claims as (
    select unnest(claim_ids) as claim_id from fact_timeline where claim_ids is not null
)

select 'conflicts' as table_name, count(*) as n
from conflict_claims as r where not exists (select 1 from claims as c where c.claim_id = r.claim_id)
union all
select 'conflict_values' as table_name, count(*) as n
from value_claims as r where not exists (select 1 from claims as c where c.claim_id = r.claim_id)
union all
select 'reconciled_facts' as table_name, count(*) as n
from fact_claims as r where not exists (select 1 from claims as c where c.claim_id = r.claim_id)
union all
select 'fact_timeline' as table_name, count(*) as n
from timeline_claims as r where not exists (select 1 from claims as c where c.claim_id = r.claim_id)
union all
select 'source_reliability' as table_name, count(*) as n
from source_reliability as s where not exists (select 1 from documents as d where d.doc_id = s.doc_id)
union all
select 'claims' as table_name, count(*) as n
from claims as c where not exists (select 1 from documents as d where d.doc_id = c.doc_id);
