"""Claims fact-check warehouse: ingest articles about AI models, extract the
claims they make, cross-check and reconcile them, publish them in DuckDB."""
