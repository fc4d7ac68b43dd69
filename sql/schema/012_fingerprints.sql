-- Two expressions defined once: the claims check's batch of a claim, and the fingerprint of a set of rows that the
-- checks, reconciliation and publishing compare to know whether their inputs changed.

-- the claims suite's batch of a claim: the claims imported from one file are one batch (their extractor,
-- 'import:NAME'); a document's claims are batch 'doc:K/N', K the hash of its doc_id modulo the N batches.
create or replace macro claims_batch(doc_id, extractor, n) as
    case
        when starts_with(coalesce(extractor, ''), 'import:') then extractor
        else 'doc:' || (hash(doc_id) % n) || '/' || n
    end;

-- an aggregate: a set of rows' fingerprint, their count and the sum of their hashes (order-free; '0:0' when empty).
create or replace macro rows_digest(r) as
    count(*) || ':' || coalesce(sum(hash(r)::hugeint) % 18446744073709551616, 0);
