-- a kept reconciliation marks the reviews it found stale again (the reviews asset rewrites the table every run).
update reviews set stale = list_contains($stale, review_id)
where stale is null or stale <> list_contains($stale, review_id);
