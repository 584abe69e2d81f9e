"""Partial dates as lists write them ("2012", "03/2012", "2012-03-05", "20120305") and ages.

A :class:`PartialDate` keeps only what was written: a year alone is not January 1st. Ages
turn into a birth year through the date of death (``birth_year ≈ death_year − age``, one
year either way because the birthday is unknown), which is how a morgue list that gives
only ages meets a list that gives dates of birth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_ISO = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_DMY = re.compile(r"^(?:(\d{1,2})[-/.])?(\d{1,2})[-/.](\d{4})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")

MIN_YEAR = 1880
MAX_AGE = 120


@dataclass(frozen=True)
class PartialDate:
    """A date known to year, month or day precision (month/day are None when unknown)."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` — only the precision that was given."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


def parse_partial_date(text: str) -> PartialDate:
    """Read a partial date; raise ValueError naming the accepted forms when it is not one."""
    value = text.strip().translate(_ARABIC_DIGITS)
    year, month, day = _split(value)
    if not MIN_YEAR <= year <= date.today().year + 1:
        raise ValueError(f"year {year} is out of range {MIN_YEAR}..{date.today().year + 1}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1..12")
    if day is not None and month is not None:
        date(year, month, day)  # raises ValueError for 31 February
    return PartialDate(year, month, day)


def _split(value: str) -> tuple[int, int | None, int | None]:
    if match := _COMPACT.match(value):
        return int(match[1]), int(match[2]), int(match[3])
    if match := _ISO.match(value):
        return int(match[1]), _int(match[2]), _int(match[3])
    if match := _DMY.match(value):
        return int(match[3]), int(match[2]), _int(match[1])
    raise ValueError(f"{value!r} is not a date (use YYYY, YYYY-MM, YYYY-MM-DD, MM/YYYY or DD/MM/YYYY)")


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def parse_age(text: str) -> int:
    """An age in whole years (``"34"``, ``"34.0"``, ``"٣٤"``); ValueError if impossible."""
    value = float(text.strip().translate(_ARABIC_DIGITS))
    if not 0 <= value <= MAX_AGE:
        raise ValueError(f"age {value:g} is outside 0..{MAX_AGE}")
    return int(value)


def birth_year_from_age(age: int, death: PartialDate | None) -> int | None:
    """Birth year implied by an age at death (None without a year of death)."""
    return death.year - age if death is not None else None
