"""Claim extraction: a pure library, text in, validated claims out."""
from pipeline.extract.engines import ENGINES, extract_claims
from pipeline.extract.isolated import ExtractFailure, extract_isolated
from pipeline.extract.version import extractor_version

__all__ = ["ENGINES", "ExtractFailure", "extract_claims", "extract_isolated", "extractor_version"]
