-- one batch of a suite: what it was made from and its outcome.
insert into bookkeeping.validation_batches (suite, batch, inputs, outcome) values ($suite, $batch, $inputs, $outcome);
