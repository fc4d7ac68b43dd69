"""Extraction engine v2: staged annotators over typed spans, quantity rules as
data (data/rules.yaml), attribution learned from labelled articles
(data/weights.json). Same API as v1: `extract_claims(text, source, deadline)`."""
from pipeline.extract.v2.pipeline import extract_claims

__all__ = ["extract_claims"]
