"""Reading counts as a text writes them: "1,068", "1 068", "1.5 million", "half a million", "two dozen".

Only definite numbers are counts. Plural magnitude words ("dozens", "hundreds", "tens of
thousands") and bare magnitudes without a count word ("several hundred") are vague and never
match, because the pattern requires a unit or teen word, a digit or the article "a" in front.
"""

from __future__ import annotations

import re

_PLAIN_DIGITS = re.compile(r"\d+(?:\.\d+)?")

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12}

_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_SCALE = "hundred|thousand|million|billion|dozen"
_WORD = rf"(?:{_UNIT}|{_SCALE})"
_AFTER_SCALE = r"(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))"
_WORDS = rf"(?:{_UNIT})(?:[\s-]+(?:{_WORD})|{_AFTER_SCALE}\s+and\s+(?:{_UNIT}))*"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?![\d,]\d)|\d{1,3}(?:\u00a0\d{3}|\s\d{3})+(?![\d]|\s\d)|\d+(?:\.\d+)?"
_SCALED = r"(?:\s*(?:million|thousand|billion)\b)?"

_BODY = (
    rf"(?:(?P<digits>{_DIGITS}){_SCALED}"
    rf"|(?P<half>half\s+a\s+(?:million|billion|dozen))"
    rf"|(?P<a>an?\s+(?:dozen|hundred|thousand|million))\b"
    rf"|(?P<words>{_WORDS})\b)"
)
# The look-ahead lists every first letter a count can have, so most positions fail at once.
NUMBER = re.compile(rf"(?=[0-9zotfsenha])(?<![\w.,$€£+/-]){_BODY}", re.IGNORECASE)


def _scanning_pattern() -> re.Pattern[str]:
    r"""NUMBER rewritten for scanning a whole text: the same matches, found about 1.6 times as fast.

    NUMBER opens with assertions, so Python's engine tries it at every position. This version
    opens with one case-sensitive character class (every first character a count can have;
    "ſ" folds to "s" under IGNORECASE), which the engine skips to directly; the look-behind
    then checks the character before it, and a look-behind on the first character picks the
    branch. The rest of each branch is NUMBER's own, case-insensitive. A property test checks
    that both patterns find the same numbers.
    """
    unit_tails: dict[str, list[str]] = {}
    for unit in sorted(UNITS, key=len, reverse=True):  # NUMBER's order: the longest word wins
        unit_tails.setdefault(unit[0], []).append(unit[1:])
    after_unit = rf"(?:[\s-]+(?:{_WORD})|{_AFTER_SCALE}\s+and\s+(?:{_UNIT}))*\b"
    words = "|".join(
        rf"(?<=[{first}{first.upper()}{'ſ' if first == 's' else ''}])(?i:(?:{'|'.join(tails)}){after_unit})"
        for first, tails in unit_tails.items()
    )
    digits = r"\d{0,2}(?:,\d{3})+(?![\d,]\d)|\d{0,2}(?:\u00a0\d{3}|\s\d{3})+(?![\d]|\s\d)|\d*(?:\.\d+)?"
    firsts = "".join(sorted({c for first in ["0-9", "h", "a", *unit_tails] for c in (first, first.upper())}))
    return re.compile(
        rf"[{firsts}ſ](?<![\w.,$€£+/-].)(?:(?<=[0-9])(?:{digits})(?i:{_SCALED})"
        rf"|(?<=[hH])(?i:alf\s+a\s+(?:million|billion|dozen))"
        rf"|(?<=[aA])(?i:n?\s+(?:dozen|hundred|thousand|million))\b"
        rf"|{words})"
    )


NUMBER_SCAN = _scanning_pattern()
# The upper end of a range right after its dash ("12-20"), where NUMBER's look-behind would refuse it.
RANGE_END = re.compile(rf"(?<![\w.,$€£+/]){_BODY}", re.IGNORECASE)


def parse_count(phrase: str) -> int | None:
    """The integer a number phrase means, or None when it is not a whole count.

    >>> parse_count("1,068"), parse_count("1.5 million"), parse_count("two dozen")
    (1068, 1500000, 24)
    """
    text = phrase.strip().lower().replace("\u00a0", " ")
    if not text:
        return None
    if text[0].isdigit():
        return _parse_digits(text)
    if text.startswith("half a "):
        scale = SCALES.get(text.split()[-1])
        return scale // 2 if scale else None
    return _parse_words(text)


def _parse_digits(text: str) -> int | None:
    if text.isascii() and text.isdigit():
        return int(text)  # "340", the usual case (ASCII only: "²" is a digit to isdigit, not to int)
    parts = text.split()
    scale = 1
    if parts and parts[-1] in SCALES:
        scale = SCALES[parts.pop()]
    digits = "".join(parts).replace(",", "")
    if not digits or not _PLAIN_DIGITS.fullmatch(digits):
        return None
    value = float(digits) * scale if "." in digits else int(digits) * scale
    if isinstance(value, float):
        if not value.is_integer():
            return None
        return int(value)
    return value


def _parse_words(text: str) -> int | None:
    words = [w for w in re.split(r"[\s-]+", text) if w and w != "and"]
    if words and words[0] in {"a", "an"}:
        words[0] = "one"
    total = current = 0
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
    return total + current


def count_words(value: int) -> str:
    """English words for a count (used by property tests to round-trip the parser)."""
    if value < 0:
        raise ValueError("counts are never negative")
    if value < 20:
        return next(w for w, v in UNITS.items() if v == value)
    if value < 100:
        tens, rest = divmod(value, 10)
        word = next(w for w, v in UNITS.items() if v == tens * 10)
        return word if rest == 0 else f"{word}-{count_words(rest)}"
    for scale_word, scale in (("billion", 10**9), ("million", 10**6), ("thousand", 1000), ("hundred", 100)):
        if value >= scale:
            high, rest = divmod(value, scale)
            head = f"{count_words(high)} {scale_word}"
            return head if rest == 0 else f"{head} {'and ' if rest < 100 else ''}{count_words(rest)}"
    raise ValueError(value)
