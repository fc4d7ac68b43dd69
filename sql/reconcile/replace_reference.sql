-- the reference facts and their files, replaced whole from registered frames.
delete from reference_facts;
insert into reference_facts by name select * from new_reference_facts;
delete from reference_files;
insert into reference_files by name select * from new_reference_files;
