"""Property tests: the number parser round-trips, extraction never crashes and spans always point into the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tollbook.errors import InputError
from tollbook.extraction import RuleExtractor, extract_claims, parse_count
from tollbook.extraction.numbers import count_words

WORDS = [
    "killed",
    "at least",
    "more than",
    "civilians",
    "people",
    "injured",
    "including",
    "and",
    "between",
    "the",
    "death toll",
    "rose to",
    "said",
    "Banyas",
    "on Saturday",
    ",",
    ".",
    "\n",
    "children",
    "1,068",
    "twenty-one",
    "half a million",
    "up to",
    "-",
    "–",
    "(",
    ")",
    "missing",
    "were",
    "soldiers",
    "dozens",
    "2011",
    "$5 million",
    "displaced",
    "aged",
    "could exceed",
    "according to",
    "the ministry",
    "—",
    "%",
]


@given(st.integers(min_value=0, max_value=999_999_999))
def test_count_words_round_trip(value: int) -> None:
    assert parse_count(count_words(value)) == value


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_and_without_commas(value: int) -> None:
    assert parse_count(str(value)) == value
    assert parse_count(f"{value:,}") == value


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("1,068", 1068),
        ("1.5 million", 1_500_000),
        ("half a million", 500_000),
        ("two dozen", 24),
        ("a dozen", 12),
        ("a hundred", 100),
        ("one hundred and five", 105),
        ("twenty-three", 23),
        ("1 068", 1068),
        ("3.5", None),
        ("seven", 7),
        ("", None),
    ],
)
def test_parse_count_examples(phrase: str, value: int | None) -> None:
    assert parse_count(phrase) == value


@pytest.mark.parametrize(
    ("text", "qualifier", "count", "count_max"),
    [
        ("at least 12 people were killed", "at_least", 12, None),
        ("more than 12 people were killed", "over", 12, None),
        ("over 12 people were killed", "over", 12, None),
        ("about 12 people were killed", "about", 12, None),
        ("an estimated 12 people were killed", "about", 12, None),
        ("nearly 12 people were killed", "about", 12, None),
        ("up to 12 people were killed", "up_to", 12, None),
        ("12 people were killed", "exact", 12, None),
        ("between 12 and 20 people were killed", "range", 12, 20),
        ("12-20 people were killed", "range", 12, 20),
        ("12 to 20 people were killed", "range", 12, 20),
        ("no fewer than 12 people were killed", "at_least", 12, None),
        ("some 12 people were killed", "about", 12, None),
        ("as many as 12 people were killed", "up_to", 12, None),
    ],
)
def test_qualifiers(text: str, qualifier: str, count: int, count_max: int | None) -> None:
    [claim] = extract_claims(text)
    assert (claim.qualifier.value, claim.count, claim.count_max) == (qualifier, count, count_max)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.integers(0, 100_000).map(str) | st.text(max_size=6), max_size=40))
def test_spans_always_point_into_the_text(parts: list[str]) -> None:
    text = " ".join(parts).replace("\x00", "")
    for claim in extract_claims(text):
        assert text[claim.span.start : claim.span.end] == claim.span.text
        assert claim.count >= 0
        assert claim.count_max is None or claim.count_max > claim.count


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        claims = RuleExtractor().extract(text)
    except InputError:
        assert "\x00" in text
        return
    for claim in claims:
        assert text[claim.span.start : claim.span.end] == claim.span.text


@pytest.mark.parametrize(
    "text", [" . 0", ".", "\n\n.\n", "U.S. 5 killed. Dr. 3", "— 7 —", "(12)", "1,000,000,000,000,000 dead"]
)
def test_odd_texts_found_by_fuzzing(text: str) -> None:
    for claim in extract_claims(text):
        assert text[claim.span.start : claim.span.end] == claim.span.text


def test_bad_input_is_an_error_or_empty() -> None:
    assert extract_claims("") == [] and extract_claims("   \n ") == []
    with pytest.raises(InputError, match="binary"):
        extract_claims("abc\x00def")
    with pytest.raises(InputError, match="needs text"):
        extract_claims(b"bytes")  # type: ignore[arg-type]


@pytest.mark.slow
def test_ten_megabytes_of_numbers_is_fine() -> None:
    text = " ".join(str(n) for n in range(1_500_000))[:10_000_000]
    assert len(text) >= 9_000_000
    assert extract_claims(text) == []
