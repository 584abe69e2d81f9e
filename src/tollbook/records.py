"""Value types that carry provenance and uncertainty across the pipeline.

A number in Tollbook never travels alone: a :class:`Claim` keeps the exact :class:`Span`
of text it was read from, its qualifier ("over 1,500" is not 1,500) and whether it is
background. These are plain frozen dataclasses so every stage (extraction, incidents,
reports) can share them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any


class Qualifier(StrEnum):
    """How the text bounds a count; decides how the number enters low/best/high."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    OVER = "over"
    ABOUT = "about"
    UP_TO = "up_to"
    RANGE = "range"


class Outcome(StrEnum):
    """What happened to the people counted."""

    KILLED = "killed"
    INJURED = "injured"
    MISSING = "missing"
    KIDNAPPED = "kidnapped"
    CASUALTIES = "casualties"
    DIED = "died"


class Category(StrEnum):
    """Who the people counted were, as far as the text says."""

    CIVILIANS = "civilians"
    SECURITY_FORCES = "security_forces"
    COMBATANTS = "combatants"
    MIXED = "mixed"
    UNSPECIFIED = "unspecified"


@dataclass(frozen=True)
class Span:
    """A character range of one document's extracted text: ``text == document[start:end]``."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"span offsets out of order: {self.start}..{self.end}")
        if self.end - self.start != len(self.text):
            raise ValueError("span text length does not match its offsets")


@dataclass(frozen=True)
class Claim:
    """One casualty figure as a text states it, with who says so and where it was read.

    ``place`` holds place strings as written; resolution to the gazetteer happens later so the
    claim stays a faithful record of the text.
    """

    count: int
    qualifier: Qualifier
    outcome: Outcome
    category: Category
    span: Span
    count_max: int | None = None
    group: str | None = None
    historical: bool = False
    place: tuple[str, ...] = field(default_factory=tuple)
    date: str | None = None
    source: str | None = None
    perpetrator: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The field layout of the ``tollbook extract --format jsonl`` contract.

        Read field by field rather than with ``dataclasses.asdict``, whose deep copies cost
        as much as reading the claim on a large batch.
        """
        data = {item.name: getattr(self, item.name) for item in fields(self)}
        return data | {
            "qualifier": self.qualifier.value,
            "outcome": self.outcome.value,
            "category": self.category.value,
            "place": list(self.place),
            "span": self.span.text,
            "start": self.span.start,
            "end": self.span.end,
        }


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: an administrative unit or populated place with its hierarchy.

    ``ancestors`` lists parent p-codes from the nearest up to the country, so containment
    ("Baniyas lies inside Tartus") is a membership test.
    """

    pcode: str
    name_en: str
    level: int
    name_ar: str | None = None
    parent_pcode: str | None = None
    ancestors: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    aliases: tuple[str, ...] = ()

    def contains(self, other: Place) -> bool:
        """True when ``other`` is this place or lies inside it."""
        return other.pcode == self.pcode or self.pcode in other.ancestors
