"""Property tests: every pattern rewritten for speed finds exactly what its plain form finds.

Extraction runs at about 1 MB/s only because several patterns are written so Python's regex
engine can skip text fast (see docs/claims.md, "Throughput"). Each rewrite must keep the
matches of the plain pattern, so each is checked here against that plain form on generated
texts built from the words the patterns are about.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pattern_texts import spans, texts
from tollbook.extraction import attribution as attr
from tollbook.extraction import lexicon as lx
from tollbook.extraction import segments
from tollbook.extraction.numbers import NUMBER, NUMBER_SCAN

NUMBER_PIECES = [
    "one", "One", "ONE", "twenty-one", "seventeen", "seventy", "seven", "six", "ſix", "hundred", "thousand",
    "a", "an", "A", "dozen", "half", "Half", "million", "and", "1", "12", "1,000", "1,0000", "2 500",
    "2\u00a0500", "3.5", "3.", ".5", "$5", "€", "-", "/", "+", ",", ".", " ", "  ", "\n", "x", "٣", "²",
    "then", "tens", "often", "someone", "people",
]  # fmt: skip
CLAUSE_PIECES = [
    "while", "While", "WHILE", "meanwhile", "whereas", "but", "But", "butter", "then", "Then", "although",
    "and", "And", ",", ", and", ";", "—", "–", "-", " - ", "(", ")", " ", "\n", "x", "_", "é", "İ",
]  # fmt: skip
PASSIVE_PIECES = [
    "confirmed", "Confirmed", "CONFIRMED", "reported", "by", "By", "BY", "the", "ministry", ",", ".",
    " ", "  ", "\n", "issued", "unconfirmed", "given", "Reuters", "and", "recorded", "X",
]  # fmt: skip
ACCORDING_PIECES = [
    "according", "According", "ACCORDING", "accord", "to", "To", "citing", "Citing", "cited", "by", "as", "As",
    "reported", "quoting", "per", "Per", "PER", "the", "The", "Reuters", "U.S.", "Dr.", "W.", "a.", ",", ".", ";",
    " ", "  ", "\n", "x", "_", "é", "ſ", "\u212a", "İ", "paper", "Tacciting", "ac",
]  # fmt: skip
LETTERS = st.sampled_from(list("abcdeimnorstwAMNT"))


@settings(max_examples=400)
@given(texts(NUMBER_PIECES))
def test_number_scan_finds_what_number_finds(text: str) -> None:
    assert spans(NUMBER_SCAN, text) == spans(NUMBER, text)


@settings(max_examples=400)
@given(texts(CLAUSE_PIECES))
def test_clause_breaks_are_the_plain_patterns_breaks(text: str) -> None:
    assert segments._clause_breaks(text) == [match.span() for match in segments._CLAUSE_BREAK.finditer(text)]


@settings(max_examples=400)
@given(texts(PASSIVE_PIECES), st.integers(0, 5), st.integers(0, 5))
def test_passives_from_by_are_the_plain_patterns(text: str, cut_start: int, cut_end: int) -> None:
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    plain = [(m.span(), m.group("np")) for m in attr.PASSIVE.finditer(text, start, end)]
    assert [(m.span(), m.group("np")) for m in attr._passives(text, start, end)] == plain


WORD_LISTS = st.lists(st.text(LETTERS, min_size=1, max_size=5), min_size=1, max_size=8)


@settings(max_examples=300)
@given(WORD_LISTS, st.text(st.sampled_from(list("abcdeimnorstwAMNT .,-_é")), max_size=40))
def test_word_start_alternation_is_a_word_bounded_alternation(words: list[str], text: str) -> None:
    plain = re.compile(r"\b(?:" + "|".join(words) + ")")
    fast = re.compile(lx.word_start_alternation(words))
    assert spans(fast, text) == spans(plain, text)


@settings(max_examples=300)
@given(WORD_LISTS, st.text(st.sampled_from(list("abcdeimnorstwAMNT .,")), max_size=40))
def test_longest_first_is_an_alternation_sorted_longest_first(words: list[str], text: str) -> None:
    longest = sorted({w.lower() for w in words}, key=len, reverse=True)
    plain = re.compile(r"(?:" + "|".join(longest) + r")\.?", re.IGNORECASE)
    trie = re.compile(lx.longest_first(longest) + r"\.?", re.IGNORECASE)
    assert spans(trie, text) == spans(plain, text)


@settings(max_examples=300)
@given(WORD_LISTS, st.text(st.sampled_from(list("abcdeimnorstwAMNT .,-")), max_size=40))
def test_at_word_start_keeps_the_matches(words: list[str], text: str) -> None:
    plain = r"\b(?:" + "|".join(words) + r")\b"
    assert spans(re.compile(lx.at_word_start(plain), re.IGNORECASE), text) == spans(
        re.compile(plain, re.IGNORECASE), text
    )


def test_hedge_words_are_exactly_the_one_word_hedges() -> None:
    """A single token matches HEDGE whole exactly when it is in HEDGE_WORDS (a set lookup replaces it)."""
    candidates = [*lx.HEDGE_WORDS, "May", "WILL", "risked", "feared", "expected", "couldn't", "mayor"]
    for word in candidates:
        assert (lx.HEDGE.fullmatch(word) is not None) == (word in lx.HEDGE_WORDS), word


@settings(max_examples=400)
@given(texts(ACCORDING_PIECES), st.integers(0, 5), st.integers(0, 5))
def test_according_scan_is_the_plain_pattern(text: str, cut_start: int, cut_end: int) -> None:
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    plain = [(m.span(), m.group("np")) for m in attr.ACCORDING.finditer(text, start, end)]
    assert [(m.span(), m.group("np")) for m in attr.ACCORDING_SCAN.finditer(text, start, end)] == plain
