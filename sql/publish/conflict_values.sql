-- the distinct values of every conflict, chosen first (a card shows them side by side).
select
    conflict_id, value_rank, shown, value, value_high, value_text, claim_ids, doc_ids, n_sources, reference_backed,
    chosen, rejected_claim_ids, explanation_kind, explanation
from conflict_values
order by conflict_id, value_rank;
