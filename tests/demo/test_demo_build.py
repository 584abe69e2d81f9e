"""The demo build: the README's main job must work from a fresh folder and be safe to re-run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tollbook.book import Casebook
from tollbook.demo.build import DEMO_LISTS, add_sources, build_demo, load_manifest
from tollbook.errors import InputError


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "out"
    build_demo(out, say=lambda _line: None)
    return out


def test_demo_keeps_every_example_source_and_verifies(demo: Path) -> None:
    with Casebook.open(demo / "demo.db", actor="checker") as book:
        assert book.summary()["sources"] == len(load_manifest()) + len(DEMO_LISTS)
        assert book.audit.verify().ok


def test_demo_rates_sources_whose_origin_is_known(demo: Path) -> None:
    rated = [entry for entry in load_manifest() if entry.get("reliability") or entry.get("origin")]
    with Casebook.open(demo / "demo.db", actor="checker") as book:
        assert len(book.sources.assessments()) == len(rated)


def test_demo_groups_the_coastal_reports_into_one_incident(demo: Path) -> None:
    with Casebook.open(demo / "demo.db", actor="checker") as book:
        incidents = book.incidents.list()
    coastal = max(incidents, key=lambda incident: len(incident["sources"]))
    assert len(coastal["sources"]) >= 6
    counted = {claim["count"] for entry in coastal["toll"] for claim in entry["claims"]}
    assert 600_000 not in counted, "the civil-war background figure must never count toward the incident"
    assert 1_383 in counted
    assert coastal["grade"] == "confirmed", coastal.get("grade_reason")


def test_demo_links_lists_and_estimates_the_undocumented(demo: Path) -> None:
    with Casebook.open(demo / "demo.db", actor="checker") as book:
        summary = book.summary()
        estimates = book.estimates.list()
    assert summary["victim lists"] == 3
    assert 0 < summary["persons"] < summary["victim records"]
    assert len(estimates) == 1


def test_demo_writes_the_toll_reports(demo: Path) -> None:
    for name in ("toll.html", "toll.geojson", "toll.csv", "toll.json", "toll.txt"):
        assert (demo / name).stat().st_size > 0
    assert "1,383" in (demo / "toll.txt").read_text(encoding="utf-8")


def test_demo_can_be_rebuilt_in_place(tmp_path: Path) -> None:
    out = tmp_path / "again"
    build_demo(out, say=lambda _line: None, steps=[add_sources])
    build = build_demo(out, say=lambda _line: None, steps=[add_sources])
    assert build.casebook.exists()


def test_demo_refuses_to_clear_a_folder_that_is_not_a_demo(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("my own work", encoding="utf-8")
    with pytest.raises(InputError, match="not a demo folder"):
        build_demo(tmp_path, say=lambda _line: None, steps=[add_sources])
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "my own work"
