-- conflict values as the conflict_values suite sees them: each belongs to a conflict, each conflict has
-- exactly one chosen value, and every other value says why it differs from it.
select
    v.conflict_id || '#' || cast(v.value_rank as varchar) as value_key,
    v.conflict_id, v.n_sources, v.chosen, v.explanation_kind,
    c.conflict_id is not null as conflict_exists,
    count(*) filter (where v.chosen) over (partition by v.conflict_id) = 1 as one_chosen,
    v.chosen or coalesce(length(v.explanation), 0) > 0 as explained_unless_chosen,
    len(v.claim_ids) > 0 or v.reference_backed or v.chosen as stated_by_someone
from conflict_values as v
left join conflicts as c using (conflict_id);
