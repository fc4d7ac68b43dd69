-- extract_errors holds the latest claims run's failures only (new_errors is a registered frame).
delete from extract_errors;
insert into extract_errors by name select * from new_errors;
