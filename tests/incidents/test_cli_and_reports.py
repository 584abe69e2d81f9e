"""The command contract as independent checks run it, and every export format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree

from typer.testing import CliRunner

from tollbook.book import Casebook
from tollbook.cli.main import app
from tollbook.reports import render

from .documents import into_book
from .test_grouping import _coast_desk

runner = CliRunner()


def _tollbook(casebook: Path, *args: str) -> str:
    result = runner.invoke(app, ["--casebook", str(casebook), "--as", "tester", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _casebook(tmp_path: Path) -> Path:
    path = tmp_path / "casebook.db"
    with Casebook.open(path, actor="tester") as book:
        into_book(book, _coast_desk(), tmp_path)
    return path


def test_incidents_json_contract(tmp_path: Path) -> None:
    casebook = _casebook(tmp_path)
    _tollbook(casebook, "incidents", "propose")
    _tollbook(casebook, "incidents", "propose")  # re-runnable
    (incident,) = json.loads(_tollbook(casebook, "incidents", "--format", "json"))
    assert {"id", "title", "start", "end", "places", "sources", "toll"} <= incident.keys()
    assert all({"name", "pcode"} <= p.keys() for p in incident["places"])
    assert all({"id", "title"} <= s.keys() for s in incident["sources"])
    for entry in incident["toll"]:
        assert {"outcome", "category", "group", "low", "best", "high", "claims"} <= entry.keys()
        assert all({"source_id", "count", "span"} <= c.keys() for c in entry["claims"])
    assert incident["title"].startswith("Killings in Syrian coast")
    listed = _tollbook(casebook, "incidents")
    assert "Killings" in listed and "confirmed" in listed


def test_edit_commands_and_toll_formats(tmp_path: Path) -> None:
    casebook = _casebook(tmp_path)
    _tollbook(casebook, "incidents", "propose")
    (incident,) = json.loads(_tollbook(casebook, "incidents", "--format", "json"))
    ident = str(incident["id"])
    _tollbook(casebook, "incidents", "rename", ident, "Coastal violence, March 2025")
    _tollbook(casebook, "incidents", "split", ident, "8", "--title", "Security forces")
    listed = json.loads(_tollbook(casebook, "incidents", "--format", "json"))
    assert sorted(i["title"] for i in listed) == ["Coastal violence, March 2025", "Security forces"]
    other = str(next(i["id"] for i in listed if i["title"] == "Security forces"))
    _tollbook(casebook, "incidents", "merge", ident, other)
    _tollbook(casebook, "incidents", "detach", ident, "6")
    _tollbook(casebook, "incidents", "attach", ident, "6")
    _tollbook(casebook, "incidents", "rate", "6", "low", "--note", "one-sided")  # the ministry
    assert "rated low" in json.dumps(_ministry(casebook))
    shown = _tollbook(casebook, "incidents", "show", ident)
    assert "EXCLUDED" in shown and "over 600,000" in shown
    printed = _tollbook(casebook, "toll", ident)
    assert "civilians killed" in printed and "1,383" in printed and "superseded" in printed
    out = tmp_path / "toll.html"
    _tollbook(casebook, "toll", "--format", "html", "--out", str(out))
    assert "<svg" in out.read_text() and "http://" not in out.read_text().replace("http://www.w3.org/2000/svg", "")
    rows = list(csv.DictReader(io.StringIO(_tollbook(casebook, "toll", "--format", "csv"))))
    assert {r["category"] for r in rows} >= {"civilians", "security_forces", "unspecified"}
    geo = json.loads(_tollbook(casebook, "toll", "--format", "geojson"))
    assert geo["type"] == "FeatureCollection" and geo["features"][0]["geometry"]["type"] == "MultiPoint"


def _ministry(casebook: Path) -> list[str]:
    listed = json.loads(_tollbook(casebook, "incidents", "--format", "json"))
    return [
        f"rated {c['reliability']}"
        for i in listed
        for e in i["toll"]
        for c in e["claims"]
        if e["category"] == "security_forces"
    ]


def test_unknown_incident_is_a_clean_error(tmp_path: Path) -> None:
    casebook = _casebook(tmp_path)
    result = runner.invoke(app, ["--casebook", str(casebook), "incidents", "show", "99"])
    assert result.exit_code != 0


def test_html_report_is_standalone_and_escapes_text() -> None:
    incident = {
        "id": 1,
        "title": "<script>alert(1)</script>",
        "start": "2025-03-06",
        "end": "2025-03-10",
        "grade": "weak",
        "grade_reason": "one origin",
        "places": [],
        "sources": [],
        "excluded": [],
        "checks": [],
        "toll": [
            {
                "outcome": "killed",
                "category": "civilians",
                "group": None,
                "place": None,
                "label": "civilians killed",
                "low": 340,
                "best": 745,
                "high": 745,
                "high_open": False,
                "rules": {k: {"rule": f"{k} rule"} for k in ("low", "best", "high")},
                "claims": [
                    {
                        "claim_id": 1,
                        "source_id": 1,
                        "count": 340,
                        "figure": "340",
                        "span": "340 <b>",
                        "origin": "M",
                        "as_of": "2025-03-07",
                        "current": False,
                        "note": "superseded",
                    },
                    {
                        "claim_id": 2,
                        "source_id": 2,
                        "count": 745,
                        "figure": "745",
                        "span": "745",
                        "origin": "M",
                        "as_of": "2025-03-08",
                        "current": True,
                        "note": "current",
                    },
                ],
            }
        ],
    }
    page = render([incident], "html")
    assert "<script>" not in page and "&lt;script&gt;" in page and "340 &lt;b&gt;" in page
    svg = page[page.index("<svg") : page.index("</svg>") + 6]
    ElementTree.fromstring(svg)  # well-formed
    assert svg.count("<circle") == 2
