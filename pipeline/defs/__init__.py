"""Dagster wiring, one module per domain. Assets are thin: they call the pure
functions in pipeline.ingest / pipeline.extract / pipeline.store."""
