-- conflicts as the cross-source consistency suite sees them (contract v2: one row per fact in dispute).
select conflict_id, model, metric, tier, kind, severity, explanation_kind, n_values,
       coalesce(dismissed, false) as dismissed
from conflicts;
