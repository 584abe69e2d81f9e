"""Dates as a casualty report writes them, turned into ISO 8601 with the precision they have.

"on Saturday" needs the page date (the latest such weekday on or before it); "in April" takes
its year from the last year the passage mentioned, else the page date; without either the
year stays unknown ("--04"). "since Oct. 7" opens an interval ("2023-10-07/..").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tollbook.extraction.lexicon import MONTHS, WEEKDAYS, at_word_start, longest_first, word_start_alternation

_MONTH = longest_first(list(MONTHS))  # a trie of month names: the date pattern is the costly one
# "March 6 and 10" is a span of days, "March 6 and 10 people" a date and a count.
_NOT_COUNTED = r"(?!\s+(?:people|persons|civilians|children|women|men|others|of|were|more|bodies|killed|dead)\b)"
_DAY = "|".join(WEEKDAYS)
DATE = re.compile(
    at_word_start(
        rf"(?P<since>\bsince\s+)?(?:"
        rf"(?P<md>\b(?P<m1>{_MONTH})\.?\s*(?P<d1>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?"
        rf"(?:\s*(?:and|to|until|through|-|–)\s*(?P<e1>\d{{1,2}})(?![\d,.]\d)(?:st|nd|rd|th)?{_NOT_COUNTED})?"
        rf"(?:,?\s+(?P<y1>(?:19|20)\d\d))?)"
        rf"|(?P<dm>\b(?:(?:between|from)\s+(?P<b2>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:and|to|-|–)\s*)?"
        rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?(?:,?\s+(?P<y2>(?:19|20)\d\d))?)"
        rf"|(?P<my>\b(?P<m3>{_MONTH})\s+(?:of\s+)?(?P<y3>(?:19|20)\d\d))"
        rf"|(?P<mo>\b(?:in|during|since|by|through|throughout|of|early|late|mid)[\s-]+(?:early\s+|late\s+|mid-)?(?P<m4>{_MONTH})\b(?!,?\s+(?:19|20)\d\d))"
        rf"|(?P<wd>\b(?:on|last|since|late\s+on|early\s+on)\s+(?P<w>{_DAY}))"
        rf"|(?P<rel>\b(?:yesterday|today|overnight|last\s+night|this\s+morning))"
        rf"|(?P<yr>\b(?:in|since|during|of)\s+(?P<y4>(?:19|20)\d\d)\b)"
        rf")"
    ),
    re.IGNORECASE,
)
_YEAR_MENTION = re.compile(r"(?:19|20)(?<!\w..)\d\d\b")  # \b(?:19|20)\d\d\b, opening with a literal: fast
# Month and weekday names are anchors only when capitalised ("may" and "march" are also verbs).
# The pattern opens with each anchor's first letter, so the engine skips other text fast.
_ANCHOR = re.compile(
    word_start_alternation(
        [
            *(name.title() for name in sorted(MONTHS, key=len, reverse=True)),
            *(day.title() for day in WEEKDAYS),
            *("Yesterday", "yesterday", "Today", "today", "Overnight", "overnight", "night", "morning"),
            *(r"19\d\d", r"20\d\d"),
        ]
    )
    + r"\b"
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    iso: str


def find_dates(
    text: str,
    start: int,
    end: int,
    published: date | None,
    year_hint: int | None,
    within: Sequence[tuple[int, int]] | None = None,
) -> list[DateMention]:
    """Date mentions in text[start:end] with their ISO value (mentions that cannot be fixed are dropped).

    ``within`` (sorted, disjoint ranges, e.g. the sentences that hold claims) limits the costly
    date pattern to the places a caller will look; the dates found inside those ranges are the
    same as without it, because every date lies inside one window of the full scan.
    """
    found: list[DateMention] = []
    years: list[tuple[int, int]] | None = None
    for match in _candidates(text, start, end, within):
        if years is None:  # every year the text mentions, read once
            years = [(m.start(), int(m.group())) for m in _YEAR_MENTION.finditer(text, max(0, start - 2000), end)]
        iso = _iso(match, published, _year_before(years, match.start(), year_hint))
        if iso:
            opened = match.group("since") or _opens(match)
            found.append(DateMention(match.start(), match.end(), f"{iso}/.." if opened else iso))
    return found


def _opens(match: re.Match[str]) -> bool:
    """ "since August", "since 2011": the figure runs from then on."""
    return match.group().lower().startswith("since") and "/" not in match.group()


def _candidates(text: str, start: int, end: int, within: Sequence[tuple[int, int]] | None) -> Iterator[re.Match[str]]:
    """DATE matches, sought only near a month, weekday, year or "yesterday" (the big pattern is slow)."""
    windows: list[list[int]] = []
    for anchor in _ANCHOR.finditer(text, start, end):
        low, high = max(start, anchor.start() - 24), min(end, anchor.end() + 24)
        while low > start and not text[low - 1].isspace():
            low -= 1
        if windows and low <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], high)
        else:
            windows.append([low, high])
    touches = _touching(within)
    for low, high in windows:
        if touches(low, high):
            yield from DATE.finditer(text, low, high)


def _touching(within: Sequence[tuple[int, int]] | None) -> Callable[[int, int], bool]:
    """A test whether a window [low, high) overlaps one of the sorted, disjoint ranges ``within``."""
    if within is None:
        return lambda low, high: True
    starts = [low for low, _ in within]
    ends = [high for _, high in within]

    def touches(low: int, high: int) -> bool:
        index = bisect_right(ends, low)  # the first range ending after ``low``
        return index < len(starts) and starts[index] < high

    return touches


def _year_before(years: list[tuple[int, int]], offset: int, fallback: int | None) -> int | None:
    """The last year mentioned in the 2,000 characters before ``offset``."""
    index = bisect_left(years, (offset, 0)) - 1
    if index >= 0 and years[index][0] >= offset - 2000:
        return years[index][1]
    return fallback


def _iso(match: re.Match[str], published: date | None, year: int | None) -> str | None:
    if match.group("md") or match.group("dm"):
        month = MONTHS[(match.group("m1") or match.group("m2")).lower().rstrip(".")]
        day = int(match.group("d1") or match.group("d2"))
        given = match.group("y1") or match.group("y2")
        chosen = int(given) if given else _year_for(month, published, year)
        first, last = (int(match.group("b2")), day) if match.group("b2") else (day, int(match.group("e1") or 0))
        if first < last:  # "March 6 and 10", "between 6 and 10 March": an interval of days
            start, end = _day_iso(chosen, month, first), _day_iso(chosen, month, last)
            return f"{start}/{end}" if start and end else None
        return _day_iso(chosen, month, day)
    if match.group("my"):
        return f"{int(match.group('y3')):04d}-{MONTHS[match.group('m3').lower()]:02d}"
    if match.group("mo"):
        month = MONTHS[match.group("m4").lower()]
        chosen = _year_for(month, published, year)
        return f"{chosen:04d}-{month:02d}" if chosen else f"--{month:02d}"
    if match.group("wd") and published:
        back = (published.weekday() - WEEKDAYS[match.group("w").lower()]) % 7
        return (published - timedelta(days=back)).isoformat()
    if match.group("rel") and published:
        word = match.group("rel").lower()
        shift = 1 if word in ("yesterday", "last night", "overnight") else 0
        return (published - timedelta(days=shift)).isoformat()
    if match.group("yr"):
        return match.group("y4")
    return None


def _year_for(month: int, published: date | None, year: int | None) -> int | None:
    if year is not None:
        return year
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


def _day_iso(year: int | None, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat() if year else f"--{month:02d}-{day:02d}"
    except ValueError:
        return None


def parse_published(value: str | None) -> date | None:
    """The page date as a date, or None when it is absent or only partial."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
