-- the distinct values of every conflict (of one model when $model is set), chosen first (a card shows them
-- side by side).
select
    v.conflict_id, v.value_rank, v.shown, v.value, v.value_high, v.value_text, v.claim_ids, v.doc_ids, v.n_sources,
    v.reference_backed, v.chosen, v.rejected_claim_ids, v.explanation_kind, v.explanation
from conflict_values as v
inner join conflicts as c on v.conflict_id = c.conflict_id
where $model is null or c.model = $model
order by v.conflict_id, v.value_rank;
