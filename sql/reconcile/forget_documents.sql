-- before a full run writes: no basis, so a run stopped half-way is never continued partially.
delete from bookkeeping.reconcile_basis;
