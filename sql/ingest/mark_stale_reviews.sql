-- a decision is stale when its target is no current conflict or claim (its document changed, the dispute ended).
update reviews set stale = target not in (
    select conflict_id from conflicts
    union all
    select claim_id from claims
);
