"""The seed-like example: the demo casebook's sources yield their claims, sources and the background war toll."""

from __future__ import annotations

from pathlib import Path

from tollbook.extraction import RuleExtractor
from tollbook.places import default_gazetteer
from tollbook.records import Claim

SOURCES = Path(__file__).resolve().parents[2] / "src" / "tollbook" / "demo" / "sources"
SOHR = "Syrian Observatory for Human Rights"


def _claims(name: str, published: str) -> dict[int, Claim]:
    text = (SOURCES / name).read_text(encoding="utf-8")
    found = RuleExtractor(default_gazetteer()).extract(text, published=published)
    assert all(text[c.span.start : c.span.end] == c.span.text for c in found)
    return {claim.count: claim for claim in found}


def test_wire_report_keeps_who_said_what() -> None:
    claims = _claims("05-wire-2025-03-10.md", "2025-03-10")
    assert sorted(claims) == [1068, 1500, 600_000]
    assert claims[1068].source == SOHR and claims[1068].category.value == "civilians"
    assert claims[1500].qualifier.value == "over" and not claims[1500].historical
    assert claims[600_000].historical and claims[600_000].qualifier.value == "over"


def test_monitor_updates() -> None:
    day = _claims("02-monitor-2025-03-08.md", "2025-03-08")
    assert sorted(day) == [5, 10, 60, 340]
    assert day[340].group == "Alawites" and day[340].source == SOHR
    assert day[60].place == ("Baniyas",)
    later = _claims("03-monitor-2025-03-09.md", "2025-03-09")
    assert {n: c.category.value for n, c in later.items()} == {
        745: "civilians",
        125: "security_forces",
        148: "combatants",
        1018: "unspecified",
    }
    assert {c.source for c in later.values()} == {SOHR}


def test_statement_without_figures_and_committee_findings() -> None:
    assert _claims("04-ministry-2025-03-10.md", "2025-03-10") == {}
    committee = _claims("08-committee-2025-07-22.md", "2025-07-22")
    assert sorted(committee) == [90, 238, 1426]  # 298 suspects and 938 testimonies are not casualties
    assert committee[238].category.value == "security_forces"
