-- sources by learned reliability.
select r.doc_id, r.source, r.score, r.n_claims, r.n_agreeing, r.n_disagreeing, d.title, d.published_at, d.location, d.kind
from source_reliability as r
join documents as d using (doc_id)
order by r.score desc;
