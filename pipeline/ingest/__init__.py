"""Ingestion: find sources, read or fetch them, decode them and turn each
into a Document (or an IngestError naming what was wrong with it)."""
