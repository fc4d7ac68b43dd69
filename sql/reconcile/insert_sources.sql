-- the per-document outputs of a batched write, and the reviews found stale (inside the same transaction).
insert into source_reliability by name select * from new_source_reliability;
insert into source_dependence by name select * from new_source_dependence;
update reviews set stale = (review_id in (select review_id from stale_reviews));
