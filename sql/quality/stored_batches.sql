-- a suite's batches as last validated: what each was made from and its outcome (null: the batch had no rows).
select batch, inputs, outcome
from bookkeeping.validation_batches
where suite = $suite;
