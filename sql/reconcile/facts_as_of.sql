-- facts_as_of(d): each reconciled fact's value as it held on date d: the timeline
-- value valid on d with the newest start (dates unknown rank last), else none.
create or replace macro facts_as_of(d) as table
with candidates as (
    select *
    from fact_timeline
    where (valid_from is null or valid_from <= d) and (valid_to is null or valid_to > d)
),

ranked as (
    select
        *,
        row_number() over (partition by fact_key order by valid_from desc nulls last, weight desc) as rank_in_fact
    from candidates
),

final as (
    select
        f.model, f.metric, f.tier, f.unit, r.value, r.value_high, r.value_text, f.status, f.confidence,
        'as of ' || cast(d as varchar) || ': ' || r.basis as method,
        f.supporting_claim_ids, f.dissenting_claim_ids, f.reference_value, r.valid_from as as_of, f.setting
    from ranked as r
    join reconciled_facts as f using (fact_key)
    where r.rank_in_fact = 1
)

select * from final;
