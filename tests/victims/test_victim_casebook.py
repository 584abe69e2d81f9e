"""``book.victims`` and the ``tollbook victims`` commands on a real casebook (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from tollbook.book import Casebook
from tollbook.cli.main import app
from tollbook.errors import DuplicateError
from tollbook.storage import tables as t
from tollbook.victims.generator import generate_lists


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return generate_lists(tmp_path_factory.mktemp("lists"), seed=7, n_people=60, lists=("arabic", "ngo"))


def _import_both(book: Casebook, lists: dict[str, Path]) -> None:
    for name in ("arabic", "ngo"):
        book.victims.import_list(lists[name], name)


def test_import_keeps_the_source_and_reports_bad_rows(book: Casebook, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("id,name,age,date_of_death\n1,Ahmad Ali,34,2013-05-02\n2,,,\n3,Omar Issa,190,2013\n", "utf-8")
    result = book.victims.import_list(path, "clinic", {"record_id": "id"})
    assert result.records == 1
    assert [(p.line, p.field) for p in result.problems] == [(3, "name"), (4, "age")]
    assert book.sources.get(result.source_id) is not None
    assert book.victims.lists()[0]["records"] == 1
    with pytest.raises(DuplicateError):
        book.victims.import_list(path, "clinic")


def test_link_stores_persons_for_estimation_and_decisions_are_respected(book: Casebook, lists: dict[str, Path]) -> None:
    _import_both(book, lists)
    run = book.victims.link(threshold=0.9)
    truth = pd.read_csv(lists["truth"], dtype=str)
    assert abs(run.persons - truth["true_id"].nunique()) <= 0.1 * truth["true_id"].nunique()
    with book.read() as conn:
        linked = conn.execute(sa.select(sa.func.count()).select_from(t.person_records)).scalar_one()
        records = conn.execute(sa.select(sa.func.count()).select_from(t.victim_records)).scalar_one()
    assert linked == records == run.records
    people = book.victims.persons()
    together = next(p for p in people if p["records"] >= 2)
    with book.read() as conn:
        pair = (
            conn.execute(
                sa.select(t.person_records.c.record_id).where(t.person_records.c.person_id == together["person_id"])
            )
            .scalars()
            .all()[:2]
        )
    book.victims.decide(pair[0], pair[1], "non-match", note="different mothers")
    book.victims.link(threshold=0.9)
    with book.read() as conn:
        persons_of = dict(conn.execute(
            sa.select(t.person_records.c.record_id, t.person_records.c.person_id)
            .join(t.persons, t.persons.c.id == t.person_records.c.person_id)
            .where(t.persons.c.run_id == book.victims.runs()[0]["id"], t.person_records.c.record_id.in_(pair))
        ).all())  # fmt: skip
    assert persons_of[pair[0]] != persons_of[pair[1]]
    assert "victims.decide" in {e["action"] for e in book.audit.events()}  # type: ignore[attr-defined]


def test_cli_import_link_review_persons(casebook_url: str, lists: dict[str, Path]) -> None:
    if not casebook_url.endswith(".db"):
        pytest.skip("the commands are the same on PostgreSQL; the book tests cover both")
    runner = CliRunner()
    base = ["--casebook", casebook_url, "victims"]
    for name in ("arabic", "ngo"):
        result = runner.invoke(app, [*base, "import", str(lists[name]), "--list", name])
        assert result.exit_code == 0, result.output
    assert runner.invoke(app, [*base, "link", "--threshold", "0.9"]).exit_code == 0
    shown = runner.invoke(app, [*base, "review", "--limit", "2", "--interactive"], input="n\ns\n")
    assert shown.exit_code == 0, shown.output
    assert "record A" in shown.output
    listed = runner.invoke(app, [*base, "persons", "--json", "--limit", "3"])
    assert listed.exit_code == 0 and listed.output.count("person_id") == 3
