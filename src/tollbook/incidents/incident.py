"""An incident as people see it: its claims, what is excluded and why, its places and dates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from tollbook.incidents import areas
from tollbook.incidents.dates import Precision
from tollbook.incidents.evidence import ClaimRecord, SourceInfo
from tollbook.incidents.grouping import most_common_event_word
from tollbook.records import Place

_PRECISE = (Precision.DAY, Precision.INTERVAL)
REPORTING_DAYS = 31
HISTORICAL = "background figure about a different or broader event (historical); shown, never counted"


@dataclass(frozen=True)
class Excluded:
    """A claim kept visible in an incident but not counted, with the reason."""

    record: ClaimRecord
    reason: str


@dataclass(frozen=True)
class Incident:
    """One event: the claims counted toward its toll and the ones shown but not counted."""

    key: str
    title: str
    origin: str
    counted: tuple[ClaimRecord, ...]
    excluded: tuple[Excluded, ...] = ()

    @cached_property
    def places(self) -> tuple[Place, ...]:
        """Every sub-national place the counted claims name, by p-code (else where their reports are set)."""
        named = areas.specific(p for r in self.counted for p in r.places)
        return named or areas.specific(p for r in self.counted for p in r.context)

    @cached_property
    def extent(self) -> tuple[Place, ...]:
        """The outermost places: what a claim must cover to speak for the whole incident."""
        return areas.top(self.places)

    @cached_property
    def start(self) -> date | None:
        """First day of the event, from precisely dated claims when there are any."""
        spans = _spans(self.counted)
        return min((s for s, _ in spans), default=None)

    @cached_property
    def end(self) -> date | None:
        """Last day of the event, from precisely dated claims when there are any."""
        spans = _spans(self.counted)
        return max((e for _, e in spans), default=None)

    @cached_property
    def sources(self) -> tuple[SourceInfo, ...]:
        """Every source with a claim here (counted or excluded), in content order."""
        pool = [r.source for r in self.counted] + [x.record.source for x in self.excluded]
        unique = {(s.fingerprint, s.id): s for s in pool}
        return tuple(sorted(unique.values(), key=lambda s: (s.sort_key, s.id)))

    @cached_property
    def claim_ids(self) -> frozenset[int]:
        """Ids of all member claims, counted or not."""
        return frozenset(r.claim_id for r in self.counted) | {x.record.claim_id for x in self.excluded}


def _spans(records: Iterable[ClaimRecord]) -> list[tuple[date, date]]:
    """Event days: precise dates and tally starts first, then months, then publication days.

    With precise dates, the publication days of undated reports within ``REPORTING_DAYS`` of
    the first precise day extend the end: an event still reported on is not known to be over.
    """
    windows = [r.window for r in records if r.window is not None]
    precise = [(w.start, w.end) for w in windows if w.precision in _PRECISE and w.days <= 31]
    precise += [(w.start, w.start) for w in windows if w.precision is Precision.OPEN]
    if precise:
        first = min(s for s, _ in precise)
        reach = first + timedelta(days=REPORTING_DAYS - 1)
        late = [(w.end, w.end) for w in windows if w.precision is Precision.REPORTED and first <= w.end <= reach]
        return precise + late
    months = [(w.start, w.end) for w in windows if w.precision is Precision.MONTH]
    if months:
        return months
    reported = [(w.end, w.end) for w in windows if w.precision is Precision.REPORTED]
    return reported or [(w.start, w.end) for w in windows]


def build_incident(
    key: str,
    claim_ids: Iterable[int],
    records: Mapping[int, ClaimRecord],
    *,
    title: str | None = None,
    origin: str = "proposed",
) -> Incident:
    """Split members into counted and excluded, in content order, and title the incident."""
    members = sorted((records[i] for i in set(claim_ids) if i in records), key=lambda r: r.sort_key)
    counted = tuple(r for r in members if not r.claim.historical)
    excluded = tuple(Excluded(r, HISTORICAL) for r in members if r.claim.historical)
    draft = Incident(key=key, title="", origin=origin, counted=counted, excluded=excluded)
    return Incident(key, title or default_title(draft), origin, counted, excluded)


def default_title(incident: Incident) -> str:
    """ "<event word> in <places>, <dates>" from the members, e.g. "Killings in Latakia, Tartus, 2025-03-06..10"."""
    word = most_common_event_word(incident.counted) or "Casualties"
    names = [p.name_en for p in incident.extent[:3]] or ["unknown place"]
    more = f" and {len(incident.extent) - 3} more" if len(incident.extent) > 3 else ""
    title = f"{word} in {', '.join(names)}{more}"
    if incident.start and incident.end:
        when = incident.start.isoformat()
        if incident.end != incident.start:
            when += f" to {incident.end.isoformat()}"
        title += f", {when}"
    return title
