"""The bundled demo reports, with the claims a careful reader takes from them, make one incident.

The claims are written by hand (spans are real substrings of the demo texts) so this pins the
incidents stage alone: whatever the extractor finds, these claims must give one coastal
incident whose toll shows the competing figures and leaves the civil-war figure out.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from typing import Any

import pytest

from tollbook.incidents import ClaimRecord, Reliability, SourceInfo, run
from tollbook.places.gazetteer import default_gazetteer
from tollbook.records import Category, Claim, Outcome, Place, Qualifier, Span

KILLED = Outcome.KILLED
SOHR = "Syrian Observatory for Human Rights"


def _sources() -> dict[str, tuple[SourceInfo, str]]:
    folder = resources.files("tollbook.demo") / "sources"
    out = {}
    for n, item in enumerate(json.loads((folder / "manifest.json").read_text(encoding="utf-8")), start=1):
        text = (folder / item["file"]).read_text(encoding="utf-8")
        info = SourceInfo(
            id=n,
            title=item["title"],
            publisher=item["publisher"],
            published=item["published"],
            kind=item["kind"],
            reliability=Reliability(item.get("reliability", "unknown")),
            origin=item.get("origin"),
            fingerprint=hashlib.sha256(text.encode()).hexdigest(),
        )
        out[item["file"][:2]] = (info, text)
    return out


def _claims() -> list[ClaimRecord]:
    gazetteer = default_gazetteer()
    coast, baniyas, jableh = (gazetteer.get(p) for p in ("SY-R-COAST", "SY1002", "SY0602"))
    latakia, tartus = gazetteer.get("SY06"), gazetteer.get("SY10")
    since = "2025-03-06/.."
    rows: list[tuple[str, str, int, dict[str, Any]]] = [
        (
            "01",
            "More than 70 people",
            70,
            {"q": Qualifier.OVER, "cat": Category.UNSPECIFIED, "at": (jableh,), "by": SOHR},
        ),
        ("02", "340", 340, {"group": "Alawite", "at": (coast,), "date": since}),
        ("02", "60 civilian deaths", 60, {"at": (baniyas,), "date": since}),
        ("02", "10 women", 10, {"group": "women", "at": (baniyas,), "date": since}),
        ("03", "745", 745, {"at": (coast,), "date": since}),
        ("03", "125 members", 125, {"cat": Category.SECURITY_FORCES, "at": (coast,), "date": since}),
        ("03", "148 fighters", 148, {"cat": Category.COMBATANTS, "at": (coast,), "date": since}),
        ("03", "1,018", 1018, {"cat": Category.UNSPECIFIED, "at": (coast,), "date": since}),
        ("05", "over 1,500 lives", 1500, {"q": Qualifier.OVER, "cat": Category.UNSPECIFIED, "at": (latakia, tartus)}),
        ("05", "1,068", 1068, {"at": (latakia, tartus), "by": SOHR}),
        ("05", "over\n600,000 lives", 600000, {"q": Qualifier.OVER, "cat": Category.UNSPECIFIED, "past": True}),
        ("06", "111 civilians", 111, {"q": Qualifier.AT_LEAST, "at": (coast,)}),
        ("07", "1,383 civilians", 1383, {"at": (coast,), "date": since}),
        ("08", "1,426 deaths", 1426, {"cat": Category.UNSPECIFIED, "at": (coast,), "date": since}),
        ("08", "238 members", 238, {"cat": Category.SECURITY_FORCES, "at": (coast,), "date": since}),
        ("09", "seven men", 7, {"at": (baniyas,), "date": "2025-03-07"}),
    ]
    sources = _sources()
    return [_record(n, sources[key], phrase, count, opts) for n, (key, phrase, count, opts) in enumerate(rows, 1)]


def _record(n: int, source: tuple[SourceInfo, str], phrase: str, count: int, opts: dict[str, Any]) -> ClaimRecord:
    info, text = source
    start = text.index(phrase)
    places: tuple[Place, ...] = opts.get("at", ())
    claim = Claim(
        count=count,
        qualifier=opts.get("q", Qualifier.EXACT),
        outcome=KILLED,
        category=opts.get("cat", Category.CIVILIANS),
        span=Span(start, start + len(phrase), phrase),
        group=opts.get("group"),
        historical=opts.get("past", False),
        place=tuple(p.name_en for p in places),
        date=opts.get("date"),
        source=opts.get("by"),
    )
    return ClaimRecord(n, claim, info, places)


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    result = run(_claims())
    assert len(result.assessments) == 1, [a.incident.title for a in result.assessments]
    return result.assessments[0].to_json()


def _entry(incident: dict[str, Any], category: str) -> dict[str, Any]:
    return next(e for e in incident["toll"] if e["category"] == category and not e["group"] and not e["place"])


def test_demo_reports_are_one_coastal_incident(demo: dict[str, Any]) -> None:
    assert demo["start"] == "2025-03-06"
    assert {p["name"] for p in demo["places"]} >= {"Syrian coast", "Baniyas", "Jableh"}
    assert len(demo["sources"]) == 8  # the ministry statement gives no figure
    # A later civilian count above an older total is a tally moving on, and a witness's
    # "seven men" is a floor for Baniyas: neither contests the toll.
    assert demo["grade"] == "confirmed" and not [c for c in demo["checks"] if c["severity"] == "error"]


def test_demo_toll_shows_competing_figures_with_their_rules(demo: dict[str, Any]) -> None:
    civilians = _entry(demo, "civilians")
    assert (civilians["low"], civilians["best"], civilians["high"]) == (1383, 1383, 1383)
    current = {c["figure"]: c["current"] for c in civilians["claims"]}
    assert current == {"745": False, "1,068": False, "at least 111": True, "1,383": True}
    alawites = next(e for e in demo["toll"] if e["group"] == "alawite")  # "340 Alawite civilians" is a part
    assert alawites["best"] == 340 and alawites["category"] == "civilians"
    assert {o["origin"] for o in civilians["origins"]} == {
        "Syrian Observatory for Human Rights",
        "UN High Commissioner for Human Rights",
    }
    everyone = _entry(demo, "unspecified")
    assert {c["figure"] for c in everyone["claims"] if c["current"]} == {"1,018", "over 1,500", "1,426"}
    assert everyone["low"] == 1501 and everyone["high_open"]
    assert "raised to the low" in everyone["rules"]["best"]["rule"]


def test_demo_background_war_figure_is_shown_and_never_counted(demo: dict[str, Any]) -> None:
    assert [x["count"] for x in demo["excluded"]] == [600000]
    assert all(c["count"] != 600000 for e in demo["toll"] for c in e["claims"])
