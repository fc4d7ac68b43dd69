-- partial_epochs: per (model, document) of the view wanted_pairs, what explain.ClaimIndex.document_versions reads
-- of the model's claims in the document: the release dates it gives the model, and the quotes that may say a
-- figure changed (those matching $hints, a superset of explain.CHANGE_WORDS, checked again in Python).
select
    w.model, w.doc_id,
    coalesce(list(c.value_text) filter (where c.metric = 'release_date'), []) as release_dates,
    coalesce(list(distinct c.quote) filter (where regexp_matches(c.quote, $hints)), []) as quotes
from claims as c
inner join wanted_pairs as w on c.doc_id = w.doc_id and base_model(c.model) = w.model
group by w.model, w.doc_id;
