"""Property tests: the gazetteer's patterns rewritten for speed find exactly what their plain forms find.

``find_in_text`` scans every window of text that extraction reads for places, so its
capitalised-run pattern opens with a character class the regex engine can skip to (see
docs/claims.md, "Throughput"). Here the rewrite is checked against the plain pattern on
generated texts built from the pieces the pattern is about: articles, capitals, accents,
quote marks and the words that may end a run.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pattern_texts import spans, texts
from tollbook.places import default_gazetteer
from tollbook.places import gazetteer as gz

# The capitalised-run pattern as first written: a look-ahead, then an optional article, tried at every position.
PLAIN_CAPITALISED = re.compile(
    r"(?=[A-ZĀ-ž‘`aAeE])(?:\b(?:[Aa]l|[Ee]l|[Aa]sh|[Aa]d|[Aa]r|[Aa]s|[Aa]z)[-\s])?[A-ZĀ-ž‘`]" + gz._RUN_TAIL
)
RUN_PIECES = [
    "al", "Al", "AL", "el", "El", "ash", "Ash", "ad", "Ad", "ar", "as", "As", "az", "an", "ez", "ibn", "bin",
    "of", "a", "e", "A", "E", "Tartus", "Baniyas", "Jableh", "Haffah", "Sheikh", "qaeda", "Qaeda", "Ţarţūs",
    "ā", "Ž", "ž", "ſ", "‘", "’", "`", "'", "-", " ", "  ", "\n", ",", ".", "_", "9", "x", "countryside",
    "coast", "coastal regions", "province", "district", "region", "the", "The", "é", "İ",
]  # fmt: skip


@settings(max_examples=500)
@given(texts(RUN_PIECES))
def test_capitalised_runs_are_the_plain_patterns_runs(text: str) -> None:
    assert spans(gz._CAPITALISED, text) == spans(PLAIN_CAPITALISED, text)


@settings(max_examples=200)
@given(st.text(max_size=30))
def test_capitalised_runs_agree_on_any_text(text: str) -> None:
    assert spans(gz._CAPITALISED, text) == spans(PLAIN_CAPITALISED, text)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(RUN_PIECES), max_size=6))
def test_remembered_start_answers_are_the_computed_ones(words: list[str]) -> None:
    """``_may_start`` keeps its answer per word; a kept answer is the one computing it again gives."""
    gazetteer = default_gazetteer()
    for word in words:
        assert gazetteer._may_start(word) == gazetteer._starts_a_name(word)
        assert gazetteer._may_start(word) == gazetteer._starts_a_name(word)


@settings(max_examples=300)
@given(st.text(st.sampled_from(["a", "B", "-", " ", "\n", "\t", "\u00a0", "\u2028", "\x1c", "\x85", "\u200b", "ž"])))
def test_word_spans_are_the_patterns_words(piece: str) -> None:
    """``_word_spans`` answers one-word runs with ``str.split``; it must give what ``[^\\s]+`` gives."""
    assert gz._word_spans(piece) == [match.span() for match in gz._WORD_SPAN.finditer(piece)]


@settings(max_examples=200)
@given(texts([*RUN_PIECES, "طرطوس", "بانياس", "ال"]))
def test_find_in_text_skips_the_arabic_scan_only_for_ascii(text: str) -> None:
    """An ASCII text holds no Arabic letters, so skipping the Arabic scan loses no name."""
    gazetteer = default_gazetteer()
    arabic = [gazetteer._longest_names(text, m.start(), m.end()) for m in gz._ARABIC_RUN.finditer(text)]
    found = {item for names in arabic for item in names}
    assert found <= set(gazetteer.find_in_text(text))
    assert not text.isascii() or not found
