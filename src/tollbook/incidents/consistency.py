"""Checks between scopes of one toll: a part can never exceed the whole it belongs to.

Scope *s* lies inside scope *t* when every person *s* counts is also counted by *t*:
women ⊂ civilians ⊂ all people; killed ⊂ casualties (killed + injured); Baniyas ⊂ Tartus ⊂
the coast ⊂ the whole incident. Then
* **contradiction** (error): one origin's own current figures, as of the same day, put a part
  above its whole (at least 200 women but at most 150 civilians) — it cannot be right twice;
* **tension** (warning): across origins, the part's low is above the whole's closed high, or
  the part's best above the whole's best — the figures do not fit together, usually because
  the whole's figure is older or counts differently;
* **parts exceed whole**: civilians + security forces + combatants, by their lows, exceed the
  closed high of the all-people count (an error when one origin gave all the figures);
* **lethality** (note): more killed than injured, typical of executions rather than combat.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tollbook.incidents.reconcile import (
    PART_CATEGORIES,
    PART_OUTCOMES,
    TOTAL_CATEGORIES,
    Scope,
    ScopeToll,
)
from tollbook.records import Outcome, Place


@dataclass(frozen=True)
class Check:
    """One finding between scopes, naming both scopes and the figures compared."""

    kind: str
    severity: str
    message: str
    scopes: tuple[Scope, ...]
    claim_ids: tuple[int, ...]


def label(scope: Scope) -> str:
    """A scope as a phrase: "women civilians killed in Baniyas"."""
    who = scope.category.replace("_", " ")
    if scope.group:
        who = f"{scope.group} ({who})"
    where = f" in {scope.place_name or scope.place}" if scope.place else ""
    return f"{who} {scope.outcome}{where}"


def inside(part: Scope, whole: Scope, catalog: dict[str, Place]) -> bool:
    """True when everyone ``part`` counts is counted by ``whole`` and the scopes differ."""
    if part.key == whole.key:
        return False
    outcome = part.outcome == whole.outcome or (
        whole.outcome == Outcome.CASUALTIES.value and part.outcome in PART_OUTCOMES
    )
    category = part.category == whole.category or (
        whole.category in TOTAL_CATEGORIES and part.category in PART_CATEGORIES
    )
    group = whole.group is None or part.group == whole.group
    return outcome and category and group and _place_inside(part.place, whole.place, catalog)


def _place_inside(part: str | None, whole: str | None, catalog: dict[str, Place]) -> bool:
    if whole is None:
        return True
    if part is None:
        return False
    whole_place = catalog.get(whole)
    pieces = [catalog.get(p) for p in part.split("+")]
    if whole_place is None or any(p is None for p in pieces):
        return part == whole
    return all(whole_place.contains(p) for p in pieces if p is not None)


def check(tolls: Sequence[ScopeToll], catalog: dict[str, Place]) -> tuple[Check, ...]:
    """All findings for one incident's toll, in a fixed order."""
    found: list[Check] = []
    for part in tolls:
        for whole in tolls:
            if inside(part.scope, whole.scope, catalog):
                found.extend(_compare(part, whole))
    found.extend(_parts_exceed_whole(tolls))
    found.extend(_lethality(tolls))
    return tuple(sorted(found, key=lambda c: (c.severity != "error", c.kind, c.message)))


def _compare(part: ScopeToll, whole: ScopeToll) -> list[Check]:
    scopes = (part.scope, whole.scope)
    own = _self_contradictions(part, whole)
    if own:
        return own
    closed = whole.high.value is not None and not whole.high.open
    if closed and part.low.value is not None and part.low.value > (whole.high.value or 0):
        message = (
            f"{label(part.scope)}: at least {part.low.value:,}, more than the highest figure "
            f"({whole.high.value:,}) for {label(whole.scope)}; that figure may be older or count differently"
        )
        return [Check("tension", "warning", message, scopes, (*part.low.claim_ids, *whole.high.claim_ids))]
    if part.best.value is not None and whole.best.value is not None and part.best.value > whole.best.value:
        message = (
            f"best {part.best.value:,} for {label(part.scope)} exceeds best {whole.best.value:,} "
            f"for {label(whole.scope)}"
        )
        return [Check("tension", "warning", message, scopes, (*part.best.claim_ids, *whole.best.claim_ids))]
    return []


def _self_contradictions(part: ScopeToll, whole: ScopeToll) -> list[Check]:
    """One origin whose own current figures, as of the same day, put a part above its whole.

    Figures of different days are a running tally moving on (a civilian count of 15 March
    above a total of 9 March), not a contradiction; the cross-origin checks still see them.
    """
    wholes = {s.origin: s for s in whole.series}
    found = []
    for series in part.series:
        other = wholes.get(series.origin)
        ceiling = other.current.bounds.upper if other else None
        if other is None or ceiling is None or series.current.bounds.lower <= ceiling:
            continue
        if series.current.record.as_of != other.current.record.as_of:
            continue
        message = (
            f"{series.label} contradicts itself: {label(part.scope)} at least {series.current.bounds.lower:,}, "
            f"but {label(whole.scope)} at most {ceiling:,}"
        )
        ids = (series.current.record.claim_id, other.current.record.claim_id)
        found.append(Check("contradiction", "error", message, (part.scope, whole.scope), ids))
    return found


def _parts_exceed_whole(tolls: Sequence[ScopeToll]) -> list[Check]:
    """Civilians + security forces + combatants (by their lows) above the closed high of the total."""
    found: list[Check] = []
    for whole in tolls:
        s = whole.scope
        if s.category not in TOTAL_CATEGORIES or whole.high.open or whole.high.value is None:
            continue
        parts = [
            t
            for t in tolls
            if t.scope.category in PART_CATEGORIES
            and (t.scope.outcome, t.scope.group, t.scope.place) == (s.outcome, s.group, s.place)
        ]
        total = sum(t.low.value or 0 for t in parts)
        if len(parts) > 1 and total > whole.high.value:
            names = " + ".join(f"{t.scope.category.replace('_', ' ')} {t.low.value:,}" for t in parts)
            message = f"{names} = {total:,}, more than the highest figure ({whole.high.value:,}) for {label(s)}"
            ids = (*(i for t in parts for i in t.low.claim_ids), *whole.high.claim_ids)
            origins = {t.low.claim_ids and _origin_of(t, t.low.claim_ids[0]) for t in (*parts, whole)}
            severity = "error" if len(origins) == 1 else "warning"
            found.append(Check("parts-exceed-whole", severity, message, (s, *(t.scope for t in parts)), ids))
    return found


def _origin_of(toll: ScopeToll, claim_id: int) -> str:
    return next((f.record.origin for f in toll.figures if f.record.claim_id == claim_id), "")


def _lethality(tolls: Sequence[ScopeToll]) -> list[Check]:
    found: list[Check] = []
    index = {t.scope.key: t for t in tolls}
    for killed in tolls:
        s = killed.scope
        if s.outcome != Outcome.KILLED.value:
            continue
        injured = index.get((Outcome.INJURED.value, s.category, s.group or "", s.place or ""))
        if injured and killed.best.value and injured.best.value is not None and killed.best.value > injured.best.value:
            message = (
                f"{label(s)}: {killed.best.value:,} against {injured.best.value:,} injured; "
                "more killed than injured suggests executions rather than combat, or undercounted injuries"
            )
            found.append(
                Check(
                    "lethality",
                    "note",
                    message,
                    (s, injured.scope),
                    (*killed.best.claim_ids, *injured.best.claim_ids),
                )
            )
    return found
