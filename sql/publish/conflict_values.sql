-- the distinct values of every conflict (of the models $models when set: one batch of the report's model pages), chosen first (a card shows them
-- side by side), with the first $members of its claims (those its card quotes: a value's claims grow with the
-- corpus) and how many it has.
select
    v.conflict_id, v.value_rank, v.shown, v.value, v.value_high, v.value_text,
    list_slice(v.claim_ids, 1, $members) as claim_ids, len(v.claim_ids) as n_claims, v.n_sources,
    v.reference_backed, v.chosen, v.rejected_claim_ids, v.explanation_kind, v.explanation
from conflict_values as v
inner join conflicts as c on v.conflict_id = c.conflict_id
where $models is null or list_contains($models, c.model)
order by v.conflict_id, v.value_rank;
