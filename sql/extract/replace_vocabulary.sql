-- the vocabulary tables, rebuilt from registered frames of pipeline/vocabulary.yaml.
delete from models;
insert into models by name select * from vocab_models;
delete from model_aliases;
insert into model_aliases by name select * from vocab_aliases;
delete from metrics;
insert into metrics by name select * from vocab_metrics;
delete from benchmarks;
insert into benchmarks by name select * from vocab_benchmarks;
