"""Grade an incident's evidence, after Airwars' grading, adapted to tolls from many reports.

Airwars grades a civilian-harm incident by how well it is attributed and sourced. Tollbook
grades how well the incident's *toll* is sourced, checked in this order (first match wins):

* **discounted** — nothing countable remains: every claim is background, detached or rejected,
  or only low-reliability sources report it;
* **contested** — the evidence disagrees with itself: a contradiction between scopes, or a
  trusted origin's floor for a scope more than twice another trusted origin's ceiling for it
  ("at least 111 verified" caps nothing, so it never contests a count of 1,383);
* **confirmed** — at least three independent origins, at least two of them rated high;
* **fair** — at least two independent trusted origins (a wire repeating a monitor is one);
* **weak** — a single origin, however many outlets repeat it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from tollbook.incidents.consistency import Check
from tollbook.incidents.evidence import ClaimRecord, Reliability
from tollbook.incidents.reconcile import ScopeToll, origin_reliability

DISAGREEMENT_RATIO = 2.0


class Grade(StrEnum):
    """Airwars-style grades, strongest first."""

    CONFIRMED = "confirmed"
    FAIR = "fair"
    WEAK = "weak"
    CONTESTED = "contested"
    DISCOUNTED = "discounted"


@dataclass(frozen=True)
class Grading:
    """The grade and the sentence that justifies it."""

    grade: Grade
    reason: str


def grade(counted: Sequence[ClaimRecord], tolls: Sequence[ScopeToll], checks: Sequence[Check]) -> Grading:
    """Grade one incident from its counted claims, its toll and its consistency checks."""
    by_origin: dict[str, list[ClaimRecord]] = {}
    for record in counted:
        by_origin.setdefault(record.origin, []).append(record)
    rating = {origin: origin_reliability(records) for origin, records in by_origin.items()}
    if not counted or all(r.source.reliability is Reliability.LOW for r in counted):
        return Grading(Grade.DISCOUNTED, "no countable claim from a source that is not rated low")
    errors = [c for c in checks if c.severity == "error"]
    if errors:
        return Grading(
            Grade.CONTESTED,
            f"{len(errors)} contradiction(s) between scopes, e.g. {errors[0].message}",
        )
    spread = _widest_disagreement(tolls)
    if spread:
        return Grading(Grade.CONTESTED, spread)
    trusted = [o for o, r in rating.items() if r.trusted]
    high = [o for o, r in rating.items() if r is Reliability.HIGH]
    if len(rating) >= 3 and len(high) >= 2:
        return Grading(
            Grade.CONFIRMED,
            f"{len(rating)} independent origins, {len(high)} rated high",
        )
    if len(trusted) >= 2:
        return Grading(Grade.FAIR, f"{len(trusted)} independent trusted origins")
    return Grading(Grade.WEAK, f"{len(rating)} independent origin(s), {len(trusted)} trusted")


def _widest_disagreement(tolls: Sequence[ScopeToll]) -> str | None:
    """A scope where one trusted origin's floor is over twice another's stated ceiling.

    A floor ("at least 111 verified") never disagrees with a larger count: only a figure
    that caps the toll can be contradicted by another origin's much higher floor.
    """
    for toll in tolls:
        trusted = [s for s in toll.series if s.reliability.trusted]
        capped = [s for s in trusted if s.current.bounds.upper is not None]
        if not capped or len(trusted) < 2:
            continue
        low = min(capped, key=lambda s: (s.current.bounds.upper, s.origin))
        high = max(trusted, key=lambda s: (s.current.bounds.lower, s.origin))
        ceiling = low.current.bounds.upper or 0
        if ceiling > 0 and high.current.bounds.lower > DISAGREEMENT_RATIO * ceiling:
            return (
                f"trusted origins disagree more than {DISAGREEMENT_RATIO:g}-fold on {toll.scope.outcome} "
                f"{toll.scope.category}: {low.label} {ceiling:,} vs {high.label} {high.current.bounds.lower:,}"
            )
    return None
