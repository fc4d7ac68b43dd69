-- after a full run: the fingerprint of what it read besides claims, and the iterations its verdicts name.
delete from bookkeeping.reconcile_basis;
insert into bookkeeping.reconcile_basis (basis, iterations) values ($basis, $iterations);
