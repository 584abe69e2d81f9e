"""What the incidents stage reads: a claim with its source, its assessment and its resolved places.

The casebook turns stored claims, reviews, source assessments and claim places into these
records; tests build them by hand. Keeping the input a plain value makes grouping and
reconciliation pure functions of the evidence, so they can be re-run and compared.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import cached_property

from tollbook.incidents import areas
from tollbook.incidents.dates import DateRange, Precision, parse_point, parse_range
from tollbook.incidents.origins import origin_key, same_body
from tollbook.records import Claim, Place

# A report with no date of its own describes events shortly before it was published.
REPORT_LOOKBACK_DAYS = 10
# A running tally "since 6 March" is about the event that began then: for grouping it spans
# at most this many days from its start, however late it was published.
OPEN_TALLY_DAYS = 31


class Reliability(StrEnum):
    """How far a source's own figures can be trusted (set by a person, never guessed)."""

    HIGH = "high"
    MEDIUM = "medium"
    UNKNOWN = "unknown"
    LOW = "low"

    @property
    def rank(self) -> int:
        """Higher is more trusted; ``unknown`` ranks below ``medium`` but above ``low``."""
        return {"high": 3, "medium": 2, "unknown": 1, "low": 0}[self.value]

    @property
    def trusted(self) -> bool:
        """Whether figures from this source may set the low and best of a toll."""
        return self in (Reliability.HIGH, Reliability.MEDIUM)


@dataclass(frozen=True)
class SourceInfo:
    """A source as the toll needs it: who published what when, and how far to trust it.

    ``origin`` (from an assessment) names the body whose figures the source carries when
    its claims do not credit anyone, e.g. a wire story built on a ministry statement.
    ``fingerprint`` is content-derived (the stored SHA-256) so ties never depend on ids.
    """

    id: int
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    kind: str = "article"
    reliability: Reliability = Reliability.UNKNOWN
    origin: str | None = None
    repeats: int | None = None
    fingerprint: str = ""

    @cached_property
    def published_range(self) -> DateRange | None:
        """The publication date as a range, or None when unknown or unreadable."""
        return parse_point(self.published) if self.published else None

    @cached_property
    def sort_key(self) -> tuple[str, str, str, str]:
        """A content-derived order: publication date, then fingerprint, publisher, title."""
        return (
            self.published or "",
            self.fingerprint,
            self.publisher or "",
            self.title or "",
        )


@dataclass(frozen=True)
class ClaimRecord:
    """One effective (reviewed) claim with its source and the gazetteer places it names.

    ``context`` holds the places its report names elsewhere: a claim that names no place of
    its own ("the toll rose to 745") is grouped by where its report is set, but still counts
    toward the incident as a whole, never toward one of those places.
    """

    claim_id: int
    claim: Claim
    source: SourceInfo
    places: tuple[Place, ...] = ()
    repeated_origin: str | None = field(default=None)
    context: tuple[Place, ...] = ()

    @cached_property
    def grouping_places(self) -> tuple[Place, ...]:
        """The claim's own sub-national places, or, when it names none, its report's."""
        return areas.specific(self.places) or areas.specific(self.context)

    @cached_property
    def fingerprint(self) -> str:
        """Content-derived identity: source fingerprint, span offsets, count and outcome."""
        c = self.claim
        raw = f"{self.source.fingerprint}|{self.source.sort_key}|{c.span.start}|{c.span.end}|{c.count}|{c.outcome}"
        return hashlib.sha256(raw.encode()).hexdigest()

    @cached_property
    def sort_key(self) -> tuple[tuple[str, str, str, str], int, int, str]:
        """Deterministic order independent of insertion order and database ids."""
        return (
            self.source.sort_key,
            self.claim.span.start,
            self.claim.span.end,
            self.fingerprint,
        )

    @cached_property
    def area(self) -> frozenset[str]:
        """P-codes that tie this claim to others: its grouping places and their ancestors.

        Two claims share an event area exactly when these sets meet (see ``areas.compatible``).
        """
        return frozenset().union(*(areas.area(p) for p in self.grouping_places))

    @cached_property
    def pcodes(self) -> frozenset[str]:
        """The p-codes of the sub-national places the claim is grouped by."""
        return frozenset(p.pcode for p in self.grouping_places)

    def nested(self, other: ClaimRecord) -> bool:
        """True when a place of one claim is, or contains, a place of the other."""
        return bool(self.pcodes & other.area or other.pcodes & self.area)

    @cached_property
    def window(self) -> DateRange | None:
        """The days the claim can be about: its own date, else the days before publication.

        A tally running from a known day ("since 6 March") is about the event that began that
        day, so for grouping it reaches at most ``OPEN_TALLY_DAYS`` past its start, however
        late it was published (a July report counting "since 6 March" still meets March).
        A date equal to the publication day (often a dateline, "DAMASCUS, 22 July") says no
        more than the publication does, so it is read as undated.
        """
        published = self.source.published_range
        own = parse_range(self.claim.date, open_end=published.end if published else None)
        if own is not None and own.precision is Precision.OPEN and own.days > OPEN_TALLY_DAYS:
            first = parse_point(str(self.claim.date).partition("/")[0])
            if first is not None and first.precision is Precision.DAY:
                return DateRange(own.start, own.start + timedelta(days=OPEN_TALLY_DAYS - 1), Precision.OPEN)
        if own is not None and not (own.precision is Precision.DAY and own == published):
            return own
        if published is None:
            return None
        start = published.start - timedelta(days=REPORT_LOOKBACK_DAYS)
        return DateRange(start, published.end, Precision.REPORTED)

    @cached_property
    def as_of(self) -> date | None:
        """When the figure was true: its date's end for cumulative tallies, else publication."""
        published = self.source.published_range
        if published is not None:
            return published.end
        window = self.window
        return window.end if window else None

    @cached_property
    def origin(self) -> str:
        """The body the figure comes from, normalised: credited body, assessed origin, publisher."""
        name = self._origin_name
        return origin_key(name) if name else f"source:{self.source.fingerprint or self.source.id}"

    @cached_property
    def origin_label(self) -> str:
        """The origin as people read it (the fullest name available)."""
        name = self._origin_name
        return " ".join(name.split()) if name else self.source.title or f"source {self.source.id}"

    @cached_property
    def _origin_name(self) -> str | None:
        """The name the origin is read from; a report crediting itself ("the committee said") keeps its own."""
        home = next((n for n in (self.source.origin, self.source.publisher) if n and origin_key(n)), None)
        for name in (self.claim.source, self.repeated_origin, home):
            if name and origin_key(name):
                return home if home and name == self.claim.source and same_body(name, home) else name
        return None

    @cached_property
    def first_hand(self) -> bool:
        """True when the source publishes its own figure rather than repeating another body's.

        Either the publisher is the origin, or the source is a body's own report (not a news
        article) whose assessed origin is the figure's origin and which repeats no other source:
        the assessor has said whose publication it is, whatever the publisher line reads.
        """
        publisher = self.source.publisher
        if publisher and origin_key(publisher) == self.origin:
            return True
        own = self.source.kind != "article" and self.repeated_origin is None and self.source.origin
        return bool(own) and origin_key(str(self.source.origin)) == self.origin
