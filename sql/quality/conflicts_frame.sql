-- conflicts as the cross-source consistency suite sees them.
select conflict_id, model, metric, tier, kind, severity, explanation_kind from conflicts;
