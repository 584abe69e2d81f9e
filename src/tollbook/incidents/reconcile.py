"""Reconcile an incident's toll per scope: running tallies, competing sources, low / best / high.

For each scope (outcome x category x victim group x place) the claims are sorted into one
series per *origin* (the body a figure really comes from, so a wire repeating a monitor is
a citation, not a witness). In each series the latest figure is current and earlier ones
are superseded. Then, over the origins' current figures:

* **low** = the highest floor among trusted origins (reliability high or medium): the toll
  is at least what any trusted origin has documented. Without trusted origins, the best
  rated tier available is used and the rule says so.
* **high** = the highest current figure of any origin (its ceiling when it states one).
  When that figure is open ("over 1,500") the high is marked open: no source caps the toll.
* **best** = the current figure of the most reliable origin (ties: the later figure, then the
  larger), raised to the low if below it. A cited figure is preferred to a synthetic average:
  sources count with different methods and the median of incompatible counts is no one's count.

A testimony's count is read as a floor (a witness sees part of an event), never a ceiling.
Every bound carries its rule as text and the ids of the claims that produced it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tollbook.incidents import areas
from tollbook.incidents.evidence import ClaimRecord, Reliability
from tollbook.incidents.figures import Bounds, bounds, wording
from tollbook.records import Category, Outcome, Place


@dataclass(frozen=True, order=True)
class Scope:
    """What a figure counts: outcome, category, victim group and place (None: the whole incident)."""

    outcome: str
    category: str
    group: str | None
    place: str | None
    place_name: str | None = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Sort and identity key (the display name is not part of identity)."""
        return (self.outcome, self.category, self.group or "", self.place or "")


@dataclass(frozen=True)
class Figure:
    """One claim's figure inside a scope, with its place in its origin's series."""

    record: ClaimRecord
    bounds: Bounds
    current: bool
    note: str


@dataclass(frozen=True)
class Bound:
    """A low, best or high value with the rule that produced it and the claims behind it."""

    value: int | None
    rule: str
    claim_ids: tuple[int, ...] = ()
    open: bool = False


@dataclass(frozen=True)
class OriginSeries:
    """One origin's running figures in a scope, reduced to its rating and its current figure."""

    origin: str
    label: str
    reliability: Reliability
    current: Figure


@dataclass(frozen=True)
class ScopeToll:
    """The reconciled toll of one scope with every figure that went into it."""

    scope: Scope
    low: Bound
    best: Bound
    high: Bound
    figures: tuple[Figure, ...]
    series: tuple[OriginSeries, ...] = ()

    @property
    def origins(self) -> tuple[str, ...]:
        """Distinct origins with a figure here."""
        return tuple(sorted({f.record.origin for f in self.figures}))


def scope_of(record: ClaimRecord, extent: Sequence[Place], catalog: Mapping[str, Place]) -> Scope:
    """The scope a claim counts toward; a place covering the whole incident means the whole incident."""
    claim = record.claim
    group = normal_group(claim.group)
    places = areas.specific(record.places)
    place, name = _scope_place(places, extent, catalog)
    return Scope(str(claim.outcome), str(claim.category), group, place, name)


def normal_group(group: str | None) -> str | None:
    """Victim groups compared case-blind and singular-blind ("Alawites" = "alawite")."""
    if not group:
        return None
    text = " ".join(group.lower().split())
    return text[:-1] if text.endswith("s") and not text.endswith("ss") else text


def _scope_place(
    places: Sequence[Place], extent: Sequence[Place], catalog: Mapping[str, Place]
) -> tuple[str | None, str | None]:
    if not places or areas.covers(places, extent):
        return None, None
    if len(places) == 1:
        return places[0].pcode, places[0].name_en
    shared = areas.common_ancestor(places)
    if shared is not None:
        known = catalog.get(shared)
        if known is not None and areas.covers([known], extent):
            return None, None
        return shared, known.name_en if known else shared
    return "+".join(p.pcode for p in places), " + ".join(p.name_en for p in places)


def reconcile(
    records: Iterable[ClaimRecord],
    extent: Sequence[Place] = (),
    catalog: Mapping[str, Place] | None = None,
) -> tuple[ScopeToll, ...]:
    """The toll of every scope the records speak to, in a fixed order."""
    by_scope: dict[tuple[str, str, str, str], tuple[Scope, list[ClaimRecord]]] = {}
    for record in sorted(records, key=lambda r: r.sort_key):
        scope = scope_of(record, extent, catalog or {})
        by_scope.setdefault(scope.key, (scope, []))[1].append(record)
    return tuple(_scope_toll(scope, members) for _, (scope, members) in sorted(by_scope.items()))


def _scope_toll(scope: Scope, members: Sequence[ClaimRecord]) -> ScopeToll:
    series, figures = _series(members)
    trusted = [s for s in series if s.reliability.trusted]
    tier, tier_note = (trusted, "rated high or medium") if trusted else _fallback_tier(series)
    low = _low(tier, tier_note)
    high = _high(series)
    best = _best(tier, low)
    return ScopeToll(scope, low, best, high, figures, tuple(series))


def _series(
    members: Sequence[ClaimRecord],
) -> tuple[list[OriginSeries], tuple[Figure, ...]]:
    """One series per origin; the latest figure (first-hand first on the same day) is current."""
    by_origin: dict[str, list[ClaimRecord]] = {}
    for record in members:
        by_origin.setdefault(record.origin, []).append(record)
    series: list[OriginSeries] = []
    figures: list[Figure] = []
    for origin, records in sorted(by_origin.items()):
        ordered = sorted(records, key=_series_order)
        latest = ordered[-1]
        for record in ordered:
            figures.append(_figure(record, latest))
        current = next(f for f in figures if f.record is latest)
        series.append(OriginSeries(origin, latest.origin_label, origin_reliability(records), current))
    return series, tuple(sorted(figures, key=lambda f: (f.record.origin, _series_order(f.record))))


def _series_order(record: ClaimRecord) -> tuple[date, bool, int, tuple[object, ...]]:
    return (
        record.as_of or date.min,
        record.first_hand,
        figure_bounds(record).point,
        record.sort_key,
    )


def figure_bounds(record: ClaimRecord) -> Bounds:
    """A claim's bounds in context: a witness's count is a floor, since one person sees part of an event."""
    found = bounds(record.claim)
    if record.source.kind == "testimony":
        return Bounds(found.lower, None, found.point)
    return found


def _figure(record: ClaimRecord, latest: ClaimRecord) -> Figure:
    relay = "" if record.first_hand else f"repeats {record.origin_label}; not an independent source. "
    if record is latest:
        return Figure(record, figure_bounds(record), True, relay + "current figure of its origin")
    when = latest.as_of.isoformat() if latest.as_of else "a later date"
    note = f"superseded by {wording(latest.claim)} ({latest.origin_label}, {when})"
    return Figure(record, figure_bounds(record), False, relay + note)


def origin_reliability(records: Sequence[ClaimRecord]) -> Reliability:
    """An origin's rating: its own publications' best rating, else that of the sources carrying it."""
    own = [r.source.reliability for r in records if r.first_hand]
    pool = own or [r.source.reliability for r in records]
    return max(pool, key=lambda rel: rel.rank)


def _fallback_tier(series: Sequence[OriginSeries]) -> tuple[list[OriginSeries], str]:
    top = max(s.reliability.rank for s in series)
    tier = [s for s in series if s.reliability.rank == top]
    return (
        tier,
        f"none rated high or medium, so those rated {tier[0].reliability.value}",
    )


def _cite(s: OriginSeries) -> str:
    when = s.current.record.as_of.isoformat() if s.current.record.as_of else "undated"
    return f"{s.label} '{wording(s.current.record.claim)}' as of {when}"


def _low(tier: Sequence[OriginSeries], tier_note: str) -> Bound:
    chosen = max(tier, key=lambda s: (s.current.bounds.lower, s.origin))
    rule = f"highest floor among the latest figures of {len(tier)} independent origin(s) ({tier_note}): {_cite(chosen)}"
    return Bound(chosen.current.bounds.lower, rule, (chosen.current.record.claim_id,))


def _high(series: Sequence[OriginSeries]) -> Bound:
    def ceiling(s: OriginSeries) -> int:
        b = s.current.bounds
        return b.upper if b.upper is not None else b.lower

    chosen = max(series, key=lambda s: (ceiling(s), s.current.bounds.upper is None, s.origin))
    is_open = chosen.current.bounds.upper is None
    rule = f"highest latest figure of any of {len(series)} origin(s): {_cite(chosen)}"
    if is_open:
        rule += "; open-ended, no source states a ceiling"
    return Bound(ceiling(chosen), rule, (chosen.current.record.claim_id,), open=is_open)


def _best(tier: Sequence[OriginSeries], low: Bound) -> Bound:
    chosen = max(
        tier,
        key=lambda s: (
            s.reliability.rank,
            s.current.record.as_of or date.min,
            s.current.bounds.point,
            s.origin,
        ),
    )
    point = chosen.current.bounds.point
    rule = f"latest figure of the most reliable origin ({chosen.reliability.value}): {_cite(chosen)}"
    if low.value is not None and point < low.value:
        rule += f"; raised to the low {low.value:,} because a trusted origin documents more"
        return Bound(low.value, rule, (chosen.current.record.claim_id, *low.claim_ids))
    return Bound(point, rule, (chosen.current.record.claim_id,))


TOTAL_CATEGORIES = (Category.UNSPECIFIED.value, Category.MIXED.value)
PART_CATEGORIES = (
    Category.CIVILIANS.value,
    Category.SECURITY_FORCES.value,
    Category.COMBATANTS.value,
)
PART_OUTCOMES = (Outcome.KILLED.value, Outcome.INJURED.value, Outcome.MISSING.value)
