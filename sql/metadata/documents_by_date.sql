-- How many documents were dated from where (front matter, page, text, ...).
select
    coalesce(published_at_from, 'undated') as dated_from,
    count(*) as n_documents
from documents
group by 1
order by 1;
