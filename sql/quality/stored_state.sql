-- a suite's stored fingerprint and the outcome validated from it, whatever the fingerprint (one row per suite).
select inputs, outcome
from bookkeeping.validation_state
where suite = $suite;
