-- The reference snapshot files loaded, with the facts they gave and skipped.
select
    file_name,
    n_facts,
    n_skipped
from reference_files
order by file_name;
