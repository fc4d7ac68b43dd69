-- Reconciled facts per status (agreed, disputed, ...).
select
    status,
    count(*) as n_facts
from reconciled_facts
group by 1;
