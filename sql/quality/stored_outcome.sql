-- the outcome stored for a suite when it was validated from the given inputs (a fingerprint), if any.
select outcome
from bookkeeping.validation_state
where suite = $suite and inputs = $inputs;
