-- the per-document outputs of a batched write, and the reviews found stale (inside the same transaction).
-- A dependent pair's evidence is written here from its counts (dependence.pairs_frame: n_rare is not a column).
insert into source_reliability by name select * from new_source_reliability;
insert into source_dependence by name
select
    * exclude (n_rare),
    format(
        '{} facts in common: {} same value ({} not the chosen value, {} stated by no other document), {} different',
        n_common, n_same, n_same_false, n_rare, n_different
    ) as evidence
from new_source_dependence;
update reviews set stale = (review_id in (select review_id from stale_reviews));
