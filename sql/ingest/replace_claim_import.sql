-- swap one claims file's imported claims (imported_claims is a registered frame) and record the import.
delete from claims where extractor = $extractor;
insert into claims by name select * from imported_claims;
insert or replace into claim_imports (file_name, extractor, sha256, docs_key, n_lines, n_claims, n_errors, imported_at)
values ($file_name, $extractor, $sha256, $docs_key, $n_lines, $n_claims, $n_errors, $imported_at);
