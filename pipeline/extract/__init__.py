"""Claim extraction: a pure library, text in, validated claims out."""
from pipeline.extract.extractor import EXTRACTOR_VERSION, extract_claims

__all__ = ["EXTRACTOR_VERSION", "extract_claims"]
