"""One incident fully worked: its toll per scope, consistency checks, grade — and its JSON form.

The JSON form is the command contract (``tollbook incidents --format json``): every number
carries the claims behind it (claim id, source id, count, span), so a reader can always
get from a published figure back to the sentence it came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tollbook.incidents.consistency import Check, check, label
from tollbook.incidents.evidence import ClaimRecord
from tollbook.incidents.figures import wording
from tollbook.incidents.grading import Grading, grade
from tollbook.incidents.incident import Incident
from tollbook.incidents.reconcile import Bound, Figure, ScopeToll, reconcile
from tollbook.records import Place


@dataclass(frozen=True)
class Assessment:
    """An incident with its reconciled toll, checks and grade."""

    incident: Incident
    tolls: tuple[ScopeToll, ...]
    checks: tuple[Check, ...]
    grading: Grading

    def to_json(self, incident_id: int | str | None = None) -> dict[str, Any]:
        """The contract shape; ``incident_id`` is the casebook id (the key when there is none)."""
        inc = self.incident
        return {
            "id": incident_id if incident_id is not None else inc.key,
            "key": inc.key,
            "title": inc.title,
            "origin": inc.origin,
            "start": inc.start.isoformat() if inc.start else None,
            "end": inc.end.isoformat() if inc.end else None,
            "grade": self.grading.grade.value,
            "grade_reason": self.grading.reason,
            "places": [_place_json(p) for p in inc.places],
            "sources": [_source_json(s) for s in inc.sources],
            "toll": [_toll_json(t) for t in self.tolls],
            "excluded": [{**_claim_json(x.record), "reason": x.reason} for x in inc.excluded],
            "checks": [_check_json(c) for c in self.checks],
        }


def assess(incident: Incident, catalog: Mapping[str, Place] | None = None) -> Assessment:
    """Reconcile, check and grade one incident."""
    known = dict(catalog or {})
    known.update({p.pcode: p for p in incident.places})
    tolls = reconcile(incident.counted, incident.extent, known)
    checks = check(tolls, known)
    return Assessment(incident, tolls, checks, grade(incident.counted, tolls, checks))


def _place_json(place: Place) -> dict[str, Any]:
    return {
        "name": place.name_en,
        "pcode": place.pcode,
        "level": place.level,
        "lat": place.lat,
        "lon": place.lon,
    }


def _source_json(source: Any) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "published": source.published,
        "kind": source.kind,
        "reliability": source.reliability.value,
    }


def _claim_json(record: ClaimRecord) -> dict[str, Any]:
    claim = record.claim
    return {
        "claim_id": record.claim_id,
        "source_id": record.source.id,
        "count": claim.count,
        "count_max": claim.count_max,
        "qualifier": claim.qualifier.value,
        "figure": wording(claim),
        "span": claim.span.text,
        "start": claim.span.start,
        "end": claim.span.end,
        "origin": record.origin_label,
        "as_of": record.as_of.isoformat() if record.as_of else None,
    }


def _figure_json(figure: Figure) -> dict[str, Any]:
    return {
        **_claim_json(figure.record),
        "current": figure.current,
        "independent": figure.record.first_hand,
        "reliability": figure.record.source.reliability.value,
        "note": figure.note,
    }


def _bound_json(bound: Bound) -> dict[str, Any]:
    return {
        "value": bound.value,
        "rule": bound.rule,
        "claim_ids": list(bound.claim_ids),
        "open": bound.open,
    }


def _toll_json(toll: ScopeToll) -> dict[str, Any]:
    scope = toll.scope
    place = {"name": scope.place_name, "pcode": scope.place} if scope.place else None
    return {
        "outcome": scope.outcome,
        "category": scope.category,
        "group": scope.group,
        "place": place,
        "label": label(scope),
        "low": toll.low.value,
        "best": toll.best.value,
        "high": toll.high.value,
        "high_open": toll.high.open,
        "rules": {
            "low": _bound_json(toll.low),
            "best": _bound_json(toll.best),
            "high": _bound_json(toll.high),
        },
        "origins": [
            {
                "origin": s.label,
                "reliability": s.reliability.value,
                "current_claim_id": s.current.record.claim_id,
            }
            for s in toll.series
        ],
        "claims": [_figure_json(f) for f in toll.figures],
    }


def _check_json(found: Check) -> dict[str, Any]:
    return {
        "kind": found.kind,
        "severity": found.severity,
        "message": found.message,
        "scopes": [label(s) for s in found.scopes],
        "claim_ids": list(found.claim_ids),
    }
