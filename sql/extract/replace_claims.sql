-- swap one document's claims for a new extraction (new_claims is a registered frame);
-- claims imported from a claims file (extractor import:NAME) are not the extractor's to replace.
delete from claims where doc_id = $doc_id and not starts_with(coalesce(extractor, ''), 'import:');
insert into claims by name select * from new_claims;
insert or replace into extraction_state (doc_id, sha256, extractor, n_claims, extracted_at)
values ($doc_id, $sha256, $extractor, $n_claims, $extracted_at);
