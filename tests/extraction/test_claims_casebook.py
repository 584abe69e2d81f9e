"""Claims in the casebook: extract from sources, re-run without duplicates, review as data."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from tollbook.book import Casebook
from tollbook.book.claims import ClaimsPart
from tollbook.book.incidents import read_records
from tollbook.cli.main import app
from tollbook.errors import InputError, NotFoundError
from tollbook.extraction import RuleExtractor
from tollbook.records import Claim
from tollbook.sources.intake import SourceMeta
from tollbook.storage.tables import claim_places, claim_reviews, claims

runner = CliRunner()
REPORT = (
    "The Syrian Observatory for Human Rights said at least 340 civilians were killed in Baniyas on "
    "March 8, 2025, including 12 children. The civil war has killed more than 600,000 people since 2011.\n"
)


def _add(book: Casebook, tmp_path: Path, text: str = REPORT) -> int:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return book.sources.add(path, SourceMeta(kind="article", published="2025-03-10")).source_id


def test_extract_stores_claims_once(book: Casebook, tmp_path: Path) -> None:
    source_id = _add(book, tmp_path)
    [first] = book.claims.extract()
    assert (first.source_id, first.found, first.added) == (source_id, 3, 3)
    [again] = book.claims.extract([source_id])
    assert (again.added, again.existing) == (0, 3)
    items = book.claims.list()
    assert [(i["count"], i["historical"], i["review"]) for i in items] == [
        (340, False, "unreviewed"),
        (12, False, "unreviewed"),
        (600_000, True, "unreviewed"),
    ]
    assert items[0]["source"] == "Syrian Observatory for Human Rights"
    with book.read() as conn:
        linked = conn.execute(sa.select(claim_places.c.pcode)).scalars().all()
        stored = conn.execute(sa.select(claims.c.start, claims.c.end, claims.c.span)).all()
    assert "SY1002" in linked
    assert all(REPORT[start:end] == span for start, end, span in stored)


def test_reviews_are_rows_never_overwrites(book: Casebook, tmp_path: Path) -> None:
    _add(book, tmp_path)
    book.claims.extract()
    claim_id = book.claims.list()[0]["id"]
    book.claims.review(claim_id, "corrected", {"count": "341", "place": "Baniyas;Jableh"}, note="recount")
    book.claims.review(claim_id, "accepted")
    shown = book.claims.get(claim_id)
    assert [r["decision"] for r in shown["reviews"]] == ["corrected", "accepted"]
    assert shown["reviews"][0]["corrected"] == {"count": 341, "place": ["Baniyas", "Jableh"]}
    assert shown["count"] == 340 and shown["review"] == "accepted"
    book.claims.review(claim_id, "rejected")
    assert claim_id not in [i["id"] for i in book.claims.list(include_rejected=False)]
    with book.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(claim_reviews)).scalar_one() == 3


def test_bad_reviews_are_refused(book: Casebook, tmp_path: Path) -> None:
    _add(book, tmp_path)
    book.claims.extract()
    with pytest.raises(InputError, match="cannot correct field"):
        book.claims.review(1, "corrected", {"colour": "red"})
    with pytest.raises(InputError, match="not a valid value"):
        book.claims.review(1, "corrected", {"outcome": "exploded"})
    with pytest.raises(NotFoundError):
        book.claims.review(999, "accepted")
    with pytest.raises(NotFoundError):
        book.claims.extract([999])


def test_places_part_resolves_spellings(book: Casebook) -> None:
    for written, pcode in (("Tartous", "SY10"), ("Baniyas", "SY1002"), ("Banyas", "SY1002")):
        place = book.places.resolve(written)
        assert place is not None and place.pcode.startswith(pcode), written
    assert book.places.resolve("Jableh") == book.places.resolve("Jablah")
    assert [p.pcode for p in book.places.ancestors("SY1002")][:1] == ["SY10"]


def test_cli_extract_all_claims_and_review(casebook_url: str, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    base = ["--casebook", casebook_url, "--as", "tester"]
    assert runner.invoke(app, [*base, "add", str(report)]).exit_code == 0
    result = runner.invoke(app, [*base, "extract", "--all"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, [*base, "claims", "--format", "json"])
    items = json.loads(result.output)
    assert len(items) == 3
    result = runner.invoke(app, [*base, "claims", "review", str(items[0]["id"]), "--correct", "count=345"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, [*base, "claims", "review", str(items[0]["id"]), "--accept", "--reject"])
    assert result.exit_code != 0
    result = runner.invoke(app, [*base, "claims", "show", str(items[0]["id"])])
    assert json.loads(result.output)["count"] == 345


class _MiscountingRules(RuleExtractor):
    """An older extractor version that read every figure one too high (a stand-in for old rules)."""

    version = "0-test"

    def extract(self, text: str, *, published: str | None = None) -> list[Claim]:
        return [replace(c, count=c.count + 1) for c in super().extract(text, published=published)]


def test_newer_extractor_supersedes_unreviewed_claims(book: Casebook, tmp_path: Path) -> None:
    source_id = _add(book, tmp_path)
    old = ClaimsPart(book, _MiscountingRules(book.places.gazetteer))
    old.extract()
    kept = old.list()[0]["id"]  # 341, which a person accepts: extraction must never touch it again
    book.claims.review(kept, "accepted")
    [summary] = book.claims.extract([source_id])
    assert (summary.added, summary.retired) == (2, 2)  # 340 overlaps the reviewed claim: not added beside it
    status = {(i["count"], i["review"]) for i in book.claims.list()}
    assert status == {(341, "accepted"), (13, "superseded"), (600_001, "superseded"), (12, "unreviewed"),
                      (600_000, "unreviewed")}  # fmt: skip
    with book.read() as conn:
        effective = sorted(r.claim.count for r in read_records(conn))
    assert effective == [12, 341, 600_000]
    [again] = book.claims.extract([source_id])
    assert (again.added, again.retired) == (0, 0)
    old.extract()  # going back to the old rules restores what they found, and retires the newer claims
    effective_again = {(i["count"], i["review"]) for i in book.claims.list(include_rejected=False)}
    assert effective_again == {(341, "accepted"), (13, "unreviewed"), (600_001, "unreviewed")}
