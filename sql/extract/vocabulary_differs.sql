-- rows by which the vocabulary tables differ from the registered frames (0: nothing to rewrite).
select
    (select count(*) from (select * from vocab_models except all select * from models))
    + (select count(*) from (select * from models except all select * from vocab_models))
    + (select count(*) from (select * from vocab_aliases except all select * from model_aliases))
    + (select count(*) from (select * from model_aliases except all select * from vocab_aliases))
    + (select count(*) from (select * from vocab_metrics except all select * from metrics))
    + (select count(*) from (select * from metrics except all select * from vocab_metrics))
    + (select count(*) from (select * from vocab_benchmarks except all select * from benchmarks))
    + (select count(*) from (select * from benchmarks except all select * from vocab_benchmarks)) as n;
