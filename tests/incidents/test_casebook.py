"""``book.incidents`` on SQLite and PostgreSQL: propose, decisions that survive, ratings, order."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from tollbook.book import Casebook
from tollbook.incidents import Reliability
from tollbook.records import Category
from tollbook.storage import tables

from .documents import ALEPPO, COAST, Desk, into_book
from .test_grouping import _coast_desk


def _entry(incident: dict, category: str, pcode: str | None = None) -> dict:
    return next(
        e
        for e in incident["toll"]
        if e["category"] == category and not e["group"] and (e["place"] or {}).get("pcode") == pcode
    )


def test_propose_lists_incidents_in_the_contract_shape(book: Casebook, tmp_path: Path) -> None:
    into_book(book, _coast_desk(), tmp_path)
    summary = book.incidents.propose()
    assert summary["incidents"] == 1
    (incident,) = book.incidents.list()
    assert {"id", "title", "start", "end", "places", "sources", "toll"} <= incident.keys()
    assert all({"name", "pcode"} <= p.keys() for p in incident["places"])
    assert all({"id", "title"} <= s.keys() for s in incident["sources"])
    civilians = _entry(incident, "civilians")
    assert (civilians["low"], civilians["best"], civilians["high"]) == (1383, 1383, 1383)
    assert all({"source_id", "count", "span"} <= c.keys() for c in civilians["claims"])
    assert [x["count"] for x in incident["excluded"]] == [600000]
    with book.read() as conn:
        members = conn.execute(sa.select(sa.func.count()).select_from(tables.incident_members)).scalar_one()
        audited = conn.execute(
            sa.select(sa.func.count()).where(tables.audit_events.c.action == "incident.propose")
        ).scalar_one()
    assert members == 8 and audited == 1


def test_propose_is_idempotent(book: Casebook, tmp_path: Path) -> None:
    into_book(book, _coast_desk(), tmp_path)
    book.incidents.propose()
    first = book.incidents.list()
    book.incidents.propose()
    assert book.incidents.list() == first


def _two_events(desk: Desk) -> None:
    coast = desk.source(
        "Monitors said 745 civilians were killed on the coast.",
        publisher="SOHR",
        published="2025-03-08",
        reliability=Reliability.HIGH,
    )
    desk.claim(coast, "745 civilians", 745, places=(COAST,))
    aleppo = desk.source("A car bomb killed 12 people in Aleppo.", publisher="A wire", published="2025-03-08")
    desk.claim(aleppo, "12 people", 12, category=Category.UNSPECIFIED, places=(ALEPPO,))


def test_merge_split_rename_survive_new_sources_and_reruns(book: Casebook, tmp_path: Path) -> None:
    desk = Desk()
    _two_events(desk)
    ids = into_book(book, desk, tmp_path)
    book.incidents.propose()
    by_place = {i["places"][0]["pcode"]: i["id"] for i in book.incidents.list()}
    merged = book.incidents.merge(by_place["SYCOAST"], by_place["SY02"])
    book.incidents.rename(merged, "Violence of March 2025")
    assert [i["title"] for i in book.incidents.list()] == ["Violence of March 2025"]
    later = Desk()
    source = later.source(
        "The coast toll rose to 973 civilians.", publisher="SOHR", published="2025-03-09", reliability=Reliability.HIGH
    )
    later.claim(source, "973 civilians", 973, places=(COAST,))
    into_book(book, later, tmp_path)
    book.incidents.propose()
    (only,) = book.incidents.list()
    assert only["id"] == merged and only["title"] == "Violence of March 2025"
    assert _entry(only, "civilians", "SYCOAST")["best"] == 973  # the coast is now one place of two
    new_id = book.incidents.split(merged, [ids[2]], title="Aleppo car bomb")
    book.incidents.propose()
    titles = {i["id"]: i["title"] for i in book.incidents.list()}
    assert titles == {merged: "Violence of March 2025", new_id: "Aleppo car bomb"}
    assert [d["kind"] for d in book.incidents.decisions()] == ["merge", "rename", "split"]


def test_rating_a_source_changes_the_toll(book: Casebook, tmp_path: Path) -> None:
    desk = Desk()
    one = desk.source("The Observatory counted 1,383 civilians killed.", publisher="SOHR", published="2025-03-11")
    desk.claim(one, "1,383 civilians", 1383, places=(COAST,))
    two = desk.source(
        "The Network counted 803 civilians killed on the coast.", publisher="SNHR", published="2025-03-12"
    )
    desk.claim(two, "803 civilians", 803, places=(COAST,))
    into_book(book, desk, tmp_path)
    book.incidents.propose()
    (incident,) = book.incidents.list()
    assert _entry(incident, "civilians")["best"] == 1383
    sources = {s["publisher"]: s["id"] for s in incident["sources"]}
    book.incidents.rate_source(sources["SOHR"], "low")
    book.incidents.rate_source(sources["SNHR"], "high")
    civilians = _entry(book.incidents.get(incident["id"]), "civilians")
    assert (civilians["low"], civilians["best"], civilians["high"]) == (803, 803, 1383)


def test_same_toll_whatever_order_sources_were_added(book: Casebook, tmp_path: Path) -> None:
    desk = _coast_desk()
    into_book(book, desk, tmp_path)
    book.incidents.propose()
    other = Casebook.open(tmp_path / "other.db", actor="tester")
    try:
        (tmp_path / "b").mkdir()
        into_book(other, desk, tmp_path / "b", order=list(reversed(range(len(desk.sources)))))
        other.incidents.propose()
        assert _comparable(other.incidents.list()) == _comparable(book.incidents.list())
    finally:
        other.close()


def _comparable(listing: list[dict]) -> list[tuple]:
    return [
        (
            i["title"],
            i["start"],
            i["end"],
            i["grade"],
            e["label"],
            e["low"],
            e["best"],
            e["high"],
            e["rules"]["low"]["rule"],
            e["rules"]["best"]["rule"],
            e["rules"]["high"]["rule"],
            tuple(sorted((c["span"], c["count"], c["current"]) for c in e["claims"])),
        )
        for i in listing
        for e in i["toll"]
    ]
