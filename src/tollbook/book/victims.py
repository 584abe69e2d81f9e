"""``book.victims``: victim lists in the casebook, linked into persons, with a review queue.

* :meth:`VictimsPart.import_list` keeps the file as a source (with its hash), stores its
  good rows as ``victim_records`` of one ``victim_lists`` row and returns the bad rows'
  problems (file, line, field) — a bad row never loses the good ones.
* :meth:`VictimsPart.link` links every stored record (the same library as ``tollbook
  dedupe``), respecting earlier review decisions, and stores the run: model JSON,
  threshold, counts (``link_runs``), the persons (``persons``, ``person_records``: person ↔
  ``victim_records.id``) and the uncertain pairs to review (``review_queue``).
* :meth:`VictimsPart.decide` records a reviewer's match / non-match (``link_decisions``,
  audited); the next run forces or cuts that link, and once there are at least
  :data:`MIN_TRAINING_MATCHES` reviewed matches they also re-estimate the model's m.

The estimation stage reads persons × lists from the latest run: ``persons.run_id``,
``person_records`` and ``victim_records.list_id``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import sqlalchemy as sa

from tollbook.access.audit import utc_now
from tollbook.errors import DuplicateError, InputError, NotFoundError
from tollbook.sources.intake import SourceMeta
from tollbook.storage import tables as t
from tollbook.victims.canonical import canonical_records, linkage_frame
from tollbook.victims.dedupe import DEFAULT_THRESHOLD, DedupeResult, dedupe
from tollbook.victims.features import build_features
from tollbook.victims.fields import map_columns
from tollbook.victims.linkage import LinkageModel
from tollbook.victims.listfile import RowProblem, check_rows, read_table

if TYPE_CHECKING:
    from tollbook.book.casebook import Casebook

REVIEW_LOW = 0.3
REVIEW_HIGH = 0.95
REVIEW_MAX = 2000
DECISIONS = ("match", "non-match")
MIN_TRAINING_MATCHES = 100  # fewer reviewed matches would estimate m from too little


@dataclass(frozen=True)
class ImportResult:
    """What an import stored: the list, its source, how many records, and the bad rows."""

    list_id: int
    list_name: str
    source_id: int
    records: int
    problems: list[RowProblem] = field(default_factory=list)


@dataclass(frozen=True)
class LinkRun:
    """A stored linkage run: its id, records, persons found and pairs queued for review."""

    run_id: int
    records: int
    persons: int
    queued: int
    threshold: float
    engine: str


class VictimsPart:
    """Import victim lists, link them into persons, review uncertain pairs."""

    def __init__(self, book: Casebook) -> None:
        self.book = book

    def import_list(self, path: str | Path, list_name: str, mapping: dict[str, str] | None = None) -> ImportResult:
        """Store the good rows of ``path`` as list ``list_name``; report the bad rows."""
        path = Path(path)
        if not list_name.strip():
            raise InputError("the list needs a name", hint="e.g. --list ngo-2014")
        self._refuse_existing(list_name)
        frame = read_table(path)
        columns = map_columns(list(frame.columns), mapping, path=str(path))
        good, problems = check_rows(frame, columns, str(path))
        positions = [frame.index.get_loc(i) for i in good.index]
        records = canonical_records(good, columns, positions)
        source = self.book.sources.add(path, SourceMeta(kind="list", title=list_name))
        with self.book.write("victims.import") as scope:
            list_id = self._store_list(scope.conn, list_name, source.source_id, columns.fields, records)
            detail = {"list": list_name, "source_id": source.source_id, "records": len(records),
                      "problems": len(problems), "file": path.name}  # fmt: skip
            scope.audit("victims.import", "victim_list", list_id, detail)
        return ImportResult(list_id, list_name, int(source.source_id or 0), len(records), problems)

    def _refuse_existing(self, list_name: str) -> None:
        with self.book.read() as conn:
            found = conn.execute(sa.select(t.victim_lists.c.id).where(t.victim_lists.c.name == list_name)).first()
        if found is not None:
            raise DuplicateError(f"a list named {list_name!r} is already imported", hint="choose another --list name")

    def _store_list(
        self,
        conn: sa.Connection,
        name: str,
        source_id: int | None,
        fields: dict[str, str],
        records: list[dict[str, Any]],
    ) -> int:
        list_id = conn.execute(
            sa.insert(t.victim_lists).values(name=name, source_id=source_id, mapping=fields, imported_at=utc_now())
        ).inserted_primary_key[0]  # type: ignore[index]
        if records:
            conn.execute(sa.insert(t.victim_records), [{**r, "list_id": list_id} for r in records])
        return int(list_id)

    def lists(self) -> list[dict[str, Any]]:
        """Imported lists with their record counts."""
        v, r = t.victim_lists, t.victim_records
        query = (
            sa.select(v.c.id, v.c.name, v.c.source_id, v.c.imported_at, sa.func.count(r.c.id).label("records"))
            .outerjoin(r, r.c.list_id == v.c.id)
            .group_by(v.c.id, v.c.name, v.c.source_id, v.c.imported_at)
            .order_by(v.c.id)
        )
        with self.book.read() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def link(self, threshold: float = DEFAULT_THRESHOLD, engine: str = "duckdb") -> LinkRun:
        """Link every stored record into persons and store the run (decisions respected)."""
        records = self._records()
        if len(records) < 2:
            raise NotFoundError("fewer than two victim records to link", hint="import lists: tollbook victims import")
        ids = [int(r["id"]) for r in records]
        position = {record_id: i for i, record_id in enumerate(ids)}
        forced, cut = self._decisions(position)
        frame, columns = linkage_frame(records)
        model = None
        if len(forced) >= MIN_TRAINING_MATCHES:
            model = LinkageModel(engine).fit(build_features(frame, columns), labels=_labels(forced))
        result = dedupe(frame, columns, threshold=threshold, engine=engine, model=model, forced=forced, cut=cut)
        queue = _review_pairs(result, ids, set(forced) | set(cut))
        with self.book.write("victims.link") as scope:
            run_id = self._store_run(scope.conn, result, threshold, engine, ids, queue)
            stats = {"records": len(ids), "persons": result.persons, "queued": len(queue)}
            scope.audit("victims.link", "link_run", run_id, {**stats, "threshold": threshold, "engine": engine})
        return LinkRun(run_id, len(ids), result.persons, len(queue), threshold, engine)

    def _records(self) -> list[dict[str, Any]]:
        r, v = t.victim_records, t.victim_lists
        query = sa.select(r, v.c.name.label("list")).join(v, v.c.id == r.c.list_id).order_by(r.c.id)
        with self.book.read() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def _decisions(self, position: dict[int, int]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Latest decision per pair → forced links and cut links (as row positions)."""
        d = t.link_decisions
        with self.book.read() as conn:
            rows = conn.execute(sa.select(d.c.record_a, d.c.record_b, d.c.decision).order_by(d.c.id)).all()
        latest = {tuple(sorted((a, b))): decision for a, b, decision in rows if a in position and b in position}
        pairs = {k: (position[k[0]], position[k[1]]) for k in latest}
        forced = [pairs[k] for k, decision in latest.items() if decision == "match"]
        cut = [pairs[k] for k, decision in latest.items() if decision == "non-match"]
        return forced, cut

    def _store_run(
        self, conn: sa.Connection, result: DedupeResult, threshold: float, engine: str, ids: list[int],
        queue: list[dict[str, Any]],
    ) -> int:  # fmt: skip
        stats = {"records": len(ids), "persons": result.persons, "queued": len(queue),
                 "seconds": {k: round(v, 2) for k, v in result.seconds.items()}}  # fmt: skip
        params = {"review_band": [REVIEW_LOW, REVIEW_HIGH]}
        run_id = int(conn.execute(sa.insert(t.link_runs).values(
            engine=engine, model=result.model.model_, threshold=threshold, params=params,
            stats=stats, created_at=utc_now(), actor=self.book.actor,
        )).inserted_primary_key[0])  # type: ignore[index]  # fmt: skip
        self._store_persons(conn, run_id, result, ids)
        if queue:
            conn.execute(sa.insert(t.review_queue), [{**q, "run_id": run_id, "status": "open"} for q in queue])
        return run_id

    def _store_persons(self, conn: sa.Connection, run_id: int, result: DedupeResult, ids: list[int]) -> None:
        """One ``persons`` row per person (labelled by its first record) and its record links."""
        numbers = result.records["person_id"].to_numpy()
        members: dict[str, list[int]] = {}
        for number, record_id in zip(numbers, ids, strict=True):
            members.setdefault(str(number), []).append(record_id)
        labels = result.records.groupby("person_id", sort=False)["label"].first().to_dict()
        for number, record_ids in members.items():
            person_id = conn.execute(
                sa.insert(t.persons).values(run_id=run_id, label=labels.get(number), size=len(record_ids))
            ).inserted_primary_key[0]  # type: ignore[index]
            conn.execute(sa.insert(t.person_records), [{"person_id": person_id, "record_id": r} for r in record_ids])

    def review_items(self, limit: int = 20) -> list[dict[str, Any]]:
        """Open review pairs of the latest run, closest to a coin toss first, with both records."""
        q = t.review_queue
        run_id = self._latest_run()
        query = (
            sa.select(q.c.id, q.c.record_a, q.c.record_b, q.c.probability)
            .where(q.c.run_id == run_id, q.c.status == "open")
            .order_by(sa.func.abs(q.c.probability - 0.5), q.c.id)
            .limit(limit)
        )
        with self.book.read() as conn:
            items = [dict(row._mapping) for row in conn.execute(query)]
            wanted = {i["record_a"] for i in items} | {i["record_b"] for i in items}
            records = self._records_by_id(conn, wanted)
        return [{**i, "a": records[i["record_a"]], "b": records[i["record_b"]]} for i in items]

    def _records_by_id(self, conn: sa.Connection, wanted: set[int]) -> dict[int, dict[str, Any]]:
        r, v = t.victim_records, t.victim_lists
        query = sa.select(r, v.c.name.label("list")).join(v, v.c.id == r.c.list_id).where(r.c.id.in_(wanted))
        return {row.id: dict(row._mapping) for row in conn.execute(query)}

    def decide(self, record_a: int, record_b: int, decision: str, note: str | None = None) -> int:
        """Record a reviewer's decision on a pair of records; later runs respect it."""
        if decision not in DECISIONS:
            raise InputError(f"unknown decision {decision!r}", hint=f"choose one of {', '.join(DECISIONS)}")
        a, b = sorted((int(record_a), int(record_b)))
        with self.book.write("victims.decide") as scope:
            both = sa.select(sa.func.count()).where(t.victim_records.c.id.in_([a, b]))
            found = scope.conn.execute(both).scalar_one()
            if found != 2 or a == b:
                raise NotFoundError(f"no pair of victim records {a} and {b}", hint="see tollbook victims review")
            decision_id = int(scope.conn.execute(sa.insert(t.link_decisions).values(
                record_a=a, record_b=b, decision=decision, note=note, at=utc_now(), actor=self.book.actor,
            )).inserted_primary_key[0])  # type: ignore[index]  # fmt: skip
            q = t.review_queue
            scope.conn.execute(
                sa.update(q).where(sa.or_(sa.and_(q.c.record_a == a, q.c.record_b == b),
                                          sa.and_(q.c.record_a == b, q.c.record_b == a))).values(status="decided")
            )  # fmt: skip
            scope.audit("victims.decide", "link_decision", decision_id, {"records": [a, b], "decision": decision,
                                                                          "note": note})  # fmt: skip
        return decision_id

    def decide_queued(self, queue_id: int, decision: str, note: str | None = None) -> int:
        """Decide the pair of review-queue entry ``queue_id``."""
        with self.book.read() as conn:
            row = conn.execute(sa.select(t.review_queue).where(t.review_queue.c.id == queue_id)).first()
        if row is None:
            raise NotFoundError(f"no review item {queue_id}", hint="list open items with: tollbook victims review")
        return self.decide(row.record_a, row.record_b, decision, note)

    def persons(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Persons of the latest run, largest first, with the lists they appear on."""
        p, pr, r, v = t.persons, t.person_records, t.victim_records, t.victim_lists
        run_id = self._latest_run()
        query = (
            sa.select(p.c.id, p.c.label, p.c.size, v.c.name)
            .join(pr, pr.c.person_id == p.c.id).join(r, r.c.id == pr.c.record_id).join(v, v.c.id == r.c.list_id)
            .where(p.c.run_id == run_id)
            .order_by(p.c.size.desc(), p.c.id)
        )  # fmt: skip
        out: dict[int, dict[str, Any]] = {}
        with self.book.read() as conn:
            for person_id, label, size, list_name in conn.execute(query):
                blank = {"person_id": person_id, "label": label, "records": size, "lists": []}
                entry = out.setdefault(person_id, blank)
                if list_name not in entry["lists"]:
                    entry["lists"].append(list_name)
        rows = list(out.values())
        return rows[:limit] if limit else rows

    def runs(self) -> list[dict[str, Any]]:
        """Every linkage run, newest first (without the model JSON)."""
        lr = t.link_runs
        query = sa.select(lr.c.id, lr.c.engine, lr.c.threshold, lr.c.stats, lr.c.created_at, lr.c.actor)
        with self.book.read() as conn:
            return [dict(row._mapping) for row in conn.execute(query.order_by(lr.c.id.desc()))]

    def model(self, run_id: int | None = None) -> dict[str, Any]:
        """The saved model JSON of a run (the latest by default)."""
        run_id = run_id or self._latest_run()
        with self.book.read() as conn:
            model = conn.execute(sa.select(t.link_runs.c.model).where(t.link_runs.c.id == run_id)).scalar_one_or_none()
        if model is None:
            raise NotFoundError(f"no linkage run {run_id}")
        return dict(model)

    def _latest_run(self) -> int:
        with self.book.read() as conn:
            run_id = conn.execute(sa.select(sa.func.max(t.link_runs.c.id))).scalar_one()
        if run_id is None:
            raise NotFoundError("no linkage run yet", hint="link the imported lists first: tollbook victims link")
        return int(run_id)


def _labels(forced: list[tuple[int, int]]) -> pd.DataFrame:
    """Reviewed matches as a Splink labels table (m is re-estimated from them after EM)."""
    left, right = zip(*forced, strict=True)
    return pd.DataFrame({"unique_id_l": left, "unique_id_r": right, "clerical_match_score": 1.0})


def _review_pairs(result: DedupeResult, ids: list[int], decided: set[tuple[int, int]]) -> list[dict[str, Any]]:
    """Uncertain pairs: probability in the review band, or a model match that a veto overrode."""
    pairs = result.pairs
    band = (pairs["match_probability"] >= REVIEW_LOW) & (pairs["match_probability"] < REVIEW_HIGH)
    overridden = pairs["vetoed"] & (pairs["match_probability"] >= result.threshold)
    chosen = pairs.loc[(band & ~pairs["vetoed"]) | overridden].copy()
    chosen["distance"] = (chosen["match_probability"] - result.threshold).abs()
    chosen = chosen.sort_values("distance", kind="stable")
    out = []
    for left, right, probability in chosen[["unique_id_l", "unique_id_r", "match_probability"]].itertuples(index=False):
        if (int(left), int(right)) in decided or (int(right), int(left)) in decided:
            continue
        out.append({"record_a": ids[int(left)], "record_b": ids[int(right)], "probability": float(probability)})
        if len(out) >= REVIEW_MAX:
            break
    return out
