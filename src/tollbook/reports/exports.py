"""Machine-readable exports: JSON (the contract), CSV (one row per toll entry), GeoJSON (maps)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from tollbook.reports.headline import headline

CSV_COLUMNS = (
    "incident_id",
    "incident_title",
    "start",
    "end",
    "grade",
    "outcome",
    "category",
    "group",
    "place",
    "pcode",
    "low",
    "best",
    "high",
    "high_open",
    "low_rule",
    "best_rule",
    "high_rule",
    "claim_ids",
    "source_ids",
)


def to_json(incidents: Sequence[dict[str, Any]]) -> str:
    """The incidents exactly as ``tollbook incidents --format json`` prints them."""
    return json.dumps(list(incidents), ensure_ascii=False, indent=2) + "\n"


def to_csv(incidents: Sequence[dict[str, Any]]) -> str:
    """One row per toll entry, with its rules and the claims and sources behind it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for inc in incidents:
        for e in inc.get("toll", []):
            place = e.get("place") or {}
            rules = e.get("rules", {})
            writer.writerow(
                [
                    inc["id"],
                    inc["title"],
                    inc.get("start"),
                    inc.get("end"),
                    inc.get("grade"),
                    e["outcome"],
                    e["category"],
                    e["group"] or "",
                    place.get("name", ""),
                    place.get("pcode", ""),
                    e["low"],
                    e["best"],
                    e["high"],
                    e.get("high_open", False),
                    *(rules.get(k, {}).get("rule", "") for k in ("low", "best", "high")),
                    " ".join(str(c["claim_id"]) for c in e["claims"]),
                    " ".join(sorted({str(c["source_id"]) for c in e["claims"]}, key=int)),
                ]
            )
    return out.getvalue()


def to_geojson(incidents: Sequence[dict[str, Any]]) -> str:
    """A FeatureCollection: each incident as the points of its gazetteer places (lon, lat)."""
    features = [_feature(inc) for inc in incidents]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=2) + "\n"


def _feature(inc: dict[str, Any]) -> dict[str, Any]:
    points = [
        [p["lon"], p["lat"]] for p in inc.get("places", []) if p.get("lat") is not None and p.get("lon") is not None
    ]
    geometry: dict[str, Any] | None = None
    if len(points) == 1:
        geometry = {"type": "Point", "coordinates": points[0]}
    elif points:
        geometry = {"type": "MultiPoint", "coordinates": points}
    top = headline(inc)
    properties = {
        "id": inc["id"],
        "title": inc["title"],
        "start": inc.get("start"),
        "end": inc.get("end"),
        "grade": inc.get("grade"),
        "places": [{"name": p["name"], "pcode": p["pcode"]} for p in inc.get("places", [])],
        "centroid": _centroid(points),
        "killed_low": top["low"] if top else None,
        "killed_best": top["best"] if top else None,
        "killed_high": top["high"] if top else None,
        "killed_category": top["category"] if top else None,
        "sources": [s["id"] for s in inc.get("sources", [])],
    }
    return {"type": "Feature", "id": inc["id"], "geometry": geometry, "properties": properties}


def _centroid(points: list[list[float]]) -> list[float] | None:
    if not points:
        return None
    return [round(sum(p[0] for p in points) / len(points), 5), round(sum(p[1] for p in points) / len(points), 5)]
