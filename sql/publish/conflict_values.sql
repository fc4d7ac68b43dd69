-- the distinct values of every conflict (of the models $models when set: one batch of the report's model pages), chosen first (a card shows them
-- side by side).
select
    v.conflict_id, v.value_rank, v.shown, v.value, v.value_high, v.value_text, v.claim_ids, v.doc_ids, v.n_sources,
    v.reference_backed, v.chosen, v.rejected_claim_ids, v.explanation_kind, v.explanation
from conflict_values as v
inner join conflicts as c on v.conflict_id = c.conflict_id
where $models is null or list_contains($models, c.model)
order by v.conflict_id, v.value_rank;
