"""Dates with the precision a text gave them, so "March 2025" is never read as 1 March.

A claim's date ("2025-03-08", "2025-03", "2025-03-06/2025-03-10", "2025-03-06/..") and a
source's publication date become a :class:`DateRange`: the first and last day the
statement can refer to, plus how precise the statement was. Grouping compares ranges by
overlap; an imprecise range may join an event but never stretches its dates.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


class Precision(StrEnum):
    """How finely the source fixed the date; decides whether a range may define an event's span."""

    DAY = "day"
    INTERVAL = "interval"
    MONTH = "month"
    YEAR = "year"
    OPEN = "open"
    REPORTED = "reported"  # no date of its own: the days before the report was published


@dataclass(frozen=True, order=True)
class DateRange:
    """The closed range of days a dated statement can refer to."""

    start: date
    end: date
    precision: Precision

    @property
    def days(self) -> int:
        """Length in days, counting both ends."""
        return (self.end - self.start).days + 1

    def overlaps(self, other: DateRange, slack_days: int = 0) -> bool:
        """True when the ranges share a day, allowing ``slack_days`` of gap between them."""
        slack = timedelta(days=slack_days)
        return self.start <= other.end + slack and other.start <= self.end + slack

    def iso(self) -> str:
        """The range written back as ISO 8601 at its own precision."""
        if self.precision is Precision.DAY:
            return self.start.isoformat()
        if self.precision is Precision.MONTH:
            return self.start.isoformat()[:7]
        if self.precision is Precision.YEAR:
            return self.start.isoformat()[:4]
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


def parse_point(text: str) -> DateRange | None:
    """One ISO day, month or year as a range; None for anything else (e.g. "--07-31")."""
    text = text.strip()
    if m := _DAY.match(text):
        day = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return DateRange(day, day, Precision.DAY) if day else None
    if m := _MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            return None
        last = calendar.monthrange(year, month)[1]
        return DateRange(date(year, month, 1), date(year, month, last), Precision.MONTH)
    if m := _YEAR.match(text):
        year = int(m[1])
        return DateRange(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)
    return None


def parse_range(text: str | None, *, open_end: date | None = None) -> DateRange | None:
    """An ISO date, month, year or ``start/end`` interval; an open end (``start/..``) runs to ``open_end``.

    Unreadable or year-less dates give None: the caller falls back to the publication date
    rather than guessing a year.
    """
    if not text:
        return None
    if "/" not in text:
        return parse_point(text)
    left, _, right = text.partition("/")
    first = parse_point(left)
    if first is None:
        return None
    if right.strip() in ("", ".."):
        end = open_end if open_end and open_end >= first.start else first.end
        return DateRange(first.start, end, Precision.OPEN)
    last = parse_point(right)
    if last is None or last.end < first.start:
        return None
    return DateRange(first.start, last.end, Precision.INTERVAL)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
