-- the conflicts between two related tasks (metric 'score:a vs score:b') stated in the given documents.
select distinct c.conflict_id
from conflicts as c
join conflict_values as v on c.conflict_id = v.conflict_id
where c.metric like '% vs %' and list_has_any(v.doc_ids, $docs);
