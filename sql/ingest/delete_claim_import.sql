-- a claims file removed from the sources folder: its claims go with it.
delete from claims where extractor = $extractor;
delete from claim_imports where file_name = $file_name;
