"""Cross-checking and reconciliation: conflicts between statements of one
fact (across sources, within a source, against reference data), their
explanations, and a best-supported value per fact by truth discovery."""
