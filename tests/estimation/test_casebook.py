"""``book.estimates`` on a real casebook (SQLite and PostgreSQL): linked persons x lists, stored runs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa

from tollbook.book import Casebook
from tollbook.errors import InputError, NotFoundError
from tollbook.estimation.run import EstimateOptions
from tollbook.estimation.simulate import simulate
from tollbook.sources.intake import SourceMeta
from tollbook.storage import tables as t

PLACES = ("Aleppo", "Homs")


def add_linked_persons(book: Casebook, tmp_path: Path, seed: int = 0) -> int:
    """Three lists and the persons a linkage run found on them, written as the victims stage does."""
    table = simulate(600, 3, "independent", np.random.default_rng(seed))
    source = tmp_path / "lists.csv"
    source.write_text("name\nplaceholder\n")
    source_id = book.sources.add(source, SourceMeta(kind="list")).source_id
    with book.write("victims.import") as w:
        list_ids = [
            w.conn.execute(
                sa.insert(t.victim_lists)
                .values(name=name, source_id=source_id, mapping={}, imported_at="2026-01-01T00:00:00")
                .returning(t.victim_lists.c.id)
            ).scalar_one()
            for name in table.lists
        ]
        run_id = w.conn.execute(
            sa.insert(t.link_runs)
            .values(engine="duckdb", model={}, threshold=0.9, created_at="2026-01-01T00:00:00", actor="tester")
            .returning(t.link_runs.c.id)
        ).scalar_one()
        person = 0
        for pattern, count in zip(table.patterns.tolist(), table.counts.tolist(), strict=True):
            for _ in range(count):
                person += 1
                person_id = w.conn.execute(
                    sa.insert(t.persons).values(run_id=run_id, size=sum(pattern)).returning(t.persons.c.id)
                ).scalar_one()
                for j, on_list in enumerate(pattern):
                    if on_list:
                        record_id = w.conn.execute(
                            sa.insert(t.victim_records)
                            .values(
                                list_id=list_ids[j],
                                record_id=f"{person}",
                                line=person,
                                place=PLACES[person % 2],
                                sex="f" if person % 3 == 0 else "m",
                                extra={},
                            )
                            .returning(t.victim_records.c.id)
                        ).scalar_one()
                        w.conn.execute(sa.insert(t.person_records).values(person_id=person_id, record_id=record_id))
        w.audit("victims.link", "link_run", run_id, {"persons": person})
    return table.observed


def test_estimate_from_linked_persons_is_stored_and_audited(book: Casebook, tmp_path: Path) -> None:
    observed = add_linked_persons(book, tmp_path)
    table = book.estimates.capture_table()
    assert table.observed == observed and table.lists == ("L1", "L2", "L3")
    stored = book.estimates.run_linked(EstimateOptions(method="loglinear", seed=3))
    assert stored.id is not None and stored.result.observed == observed
    [row] = book.estimates.list()
    assert (row["id"], row["method"], row["observed"]) == (stored.id, "loglinear", observed)
    full = book.estimates.show(stored.id)
    assert full["seed"] == 3 and full["data_hash"] == table.digest()
    assert full["params"]["origin"] == "casebook persons"
    assert {"tollbook", "numpy", "statsmodels"} <= set(full["software"])
    with book.read() as conn:
        events = conn.execute(sa.select(t.audit_events).where(t.audit_events.c.action == "estimate.run")).all()
    assert len(events) == 1
    assert book.estimates.rerun(stored.id).estimate == pytest.approx(stored.result.estimate)


def test_linked_persons_by_place(book: Casebook, tmp_path: Path) -> None:
    observed = add_linked_persons(book, tmp_path, seed=1)
    result = book.estimates.run_linked(EstimateOptions(method="dga"), strata=["place"], store=False).result
    assert [p.stratum for p in result.strata] == [{"place": "Aleppo"}, {"place": "Homs"}]
    assert result.observed == observed
    with pytest.raises(InputError, match="cannot stratify"):
        book.estimates.capture_table(["religion"])


def test_file_runs_are_stored_too(book: Casebook, tmp_path: Path) -> None:
    path = tmp_path / "lists.csv"
    path.write_text("A,B,C,count\n1,0,0,120\n0,1,0,100\n0,0,1,90\n1,1,0,30\n1,0,1,25\n0,1,1,20\n1,1,1,6\n")
    stored = book.estimates.run_file(path, EstimateOptions(method="loglinear"))
    assert book.estimates.show(stored.id)["params"]["origin"] == "file lists.csv"


def test_no_linkage_yet_and_unknown_run(book: Casebook) -> None:
    with pytest.raises(NotFoundError, match="no linked persons"):
        book.estimates.capture_table()
    with pytest.raises(NotFoundError, match="no stored estimate"):
        book.estimates.show(42)
