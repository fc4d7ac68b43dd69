-- the models each document talks about (the misattribution explanation's "a model the same document discusses").
select doc_id, list(distinct base_model(model)) as models
from claims
group by doc_id;
