-- Reference facts per reference dataset.
select
    ref_source,
    count(*) as n_facts
from reference_facts
group by 1
order by 1;
