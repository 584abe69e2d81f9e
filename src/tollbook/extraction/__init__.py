"""Casualty claims from text: counts with qualifier, outcome, victims, place, date, source and span."""

from tollbook.extraction.extractor import Extractor, RuleExtractor, extract_claims
from tollbook.extraction.numbers import parse_count

__all__ = ["Extractor", "RuleExtractor", "extract_claims", "parse_count"]
