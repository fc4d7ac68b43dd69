-- how many claims the warehouse holds, from the extraction and import bookkeeping (O(documents)).
select
    coalesce((select sum(e.n_claims) from extraction_state as e), 0)
    + coalesce((select sum(i.n_claims) from claim_imports as i), 0) as n_claims;
