"""Suggest incidents that may be one event: close in time and in place, or alike in wording.

Grouping is cautious (a join must be backed by one claim pair); this looks at whole
incidents and proposes merges for a person to accept with ``tollbook incidents merge``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from tollbook.incidents import areas, cues
from tollbook.incidents.incident import Incident

NEAR_DAYS = 7
CUE_THRESHOLD = 0.2


@dataclass(frozen=True)
class Suggestion:
    """Two incidents that may be duplicates, with the reasons."""

    first: str
    second: str
    reasons: tuple[str, ...]


def suggest(incidents: Sequence[Incident]) -> tuple[Suggestion, ...]:
    """Pairs (by key order) whose dates are within a week and whose places or wording agree.

    Incidents are swept in start order, so only those that can be near in time are compared.
    """
    near = timedelta(days=NEAR_DAYS)
    dated = sorted((i for i in incidents if i.start and i.end), key=lambda i: (i.start, i.key))
    found: list[Suggestion] = []
    for n, a in enumerate(dated):
        for b in dated[n + 1 :]:
            if b.start > a.end + near:  # type: ignore[operator]
                break
            first, second = sorted((a, b), key=lambda i: i.key)
            reasons = _reasons(first, second)
            if reasons:
                found.append(Suggestion(first.key, second.key, reasons))
    return tuple(sorted(found, key=lambda s: (s.first, s.second)))


def _reasons(a: Incident, b: Incident) -> tuple[str, ...]:
    if not (a.start and a.end and b.start and b.end):
        return ()
    near = timedelta(days=NEAR_DAYS)
    if a.start > b.end + near or b.start > a.end + near:
        return ()
    reasons = [f"dates within {NEAR_DAYS} days"]
    if a.places and b.places and areas.compatible(a.places, b.places):
        reasons.append("places overlap in the gazetteer hierarchy")
    similarity = cues.similarity(_tokens(a), _tokens(b))
    if similarity >= CUE_THRESHOLD:
        reasons.append(f"similar wording ({similarity:.2f})")
    return tuple(reasons) if len(reasons) > 1 else ()


def _tokens(incident: Incident) -> frozenset[str]:
    words: set[str] = set()
    for record in incident.counted:
        words |= cues.tokens(record.source.title) | cues.tokens(record.claim.span.text)
    return frozenset(words)
