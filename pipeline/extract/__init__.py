"""Claim extraction: a pure library, text in, validated claims out."""
from pipeline.extract.extractor import extract_claims
from pipeline.extract.isolated import ExtractFailure, extract_isolated
from pipeline.extract.version import extractor_version

__all__ = ["ExtractFailure", "extract_claims", "extract_isolated", "extractor_version"]
