"""``book.estimates``: population estimates from the casebook's linked persons or from a file.

Every run is stored with its capture table, options, seed, data hash, software versions and
result, and audited in the same transaction — a published estimate can always be traced back
to the data and settings that produced it, and run again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from tollbook.access.audit import utc_now
from tollbook.access.roles import check_permission
from tollbook.errors import InputError, NotFoundError
from tollbook.estimation.histories import CaptureTable, read_capture_csv
from tollbook.estimation.result import EstimateResult, software_versions
from tollbook.estimation.run import EstimateOptions, estimate
from tollbook.storage import tables as t

if TYPE_CHECKING:
    from tollbook.book.casebook import Casebook

PERSON_FIELDS = ("place", "sex", "status", "age_group", "year")
MISSING = "missing"


@dataclass(frozen=True)
class StoredEstimate:
    """A run's result and the id it was stored under (None when not stored)."""

    id: int | None
    result: EstimateResult


class EstimatesPart:
    """Run, store, list and show population estimates."""

    def __init__(self, book: Casebook) -> None:
        self.book = book

    def capture_table(self, strata: Sequence[str] = ()) -> CaptureTable:
        """Persons of the latest linkage run x the lists their records come from."""
        unknown = [s for s in strata if s not in PERSON_FIELDS]
        if unknown:
            raise InputError(
                f"cannot stratify persons by {', '.join(unknown)}", hint=f"choose from {', '.join(PERSON_FIELDS)}"
            )
        lists, memberships, fields = self._linked_records()
        labels = {person: tuple(_mode(fields[person][name]) for name in strata) for person in memberships}
        return CaptureTable.from_memberships(
            memberships, lists=lists, strata=labels if strata else None, stratum_names=list(strata)
        )

    def _linked_records(self) -> tuple[list[str], dict[int, set[str]], dict[int, dict[str, list[str]]]]:
        r, v, pr, p = t.victim_records, t.victim_lists, t.person_records, t.persons
        with self.book.read() as conn:
            run_id = conn.execute(sa.select(sa.func.max(t.link_runs.c.id))).scalar_one()
            if run_id is None:
                raise NotFoundError(
                    "the casebook holds no linked persons yet",
                    hint="import victim lists and link them first, or estimate from a CSV file",
                )
            rows = conn.execute(
                sa.select(pr.c.person_id, v.c.name, r.c.place, r.c.sex, r.c.status, r.c.age, r.c.date_of_death)
                .join(p, p.c.id == pr.c.person_id)
                .join(r, r.c.id == pr.c.record_id)
                .join(v, v.c.id == r.c.list_id)
                .where(p.c.run_id == run_id)
            ).all()
        memberships: dict[int, set[str]] = {}
        fields: dict[int, dict[str, list[str]]] = {}
        for person, name, place, sex, status, age, died in rows:
            memberships.setdefault(person, set()).add(name)
            values = {
                "place": place,
                "sex": sex,
                "status": status,
                "age_group": _age_group(age),
                "year": died[:4] if died else None,
            }
            slot = fields.setdefault(person, {f: [] for f in PERSON_FIELDS})
            for key, value in values.items():
                if value:
                    slot[key].append(str(value))
        # only lists that recorded someone in this run: an empty list column carries no information
        lists = sorted({name for names in memberships.values() for name in names})
        return lists, memberships, fields

    def run_linked(self, options: EstimateOptions, strata: Sequence[str] = (), store: bool = True) -> StoredEstimate:
        """Estimate from linked persons (optionally per stratum) and store the run."""
        return self.run_table(self.capture_table(strata), options, origin="casebook persons", store=store)

    def run_file(
        self, path: str | Path, options: EstimateOptions, strata: Sequence[str] | None = None, store: bool = True
    ) -> StoredEstimate:
        """Estimate from a capture-pattern CSV and store the run."""
        table = read_capture_csv(path, strata=strata)
        return self.run_table(table, options, origin=f"file {Path(path).name}", store=store)

    def run_table(
        self, table: CaptureTable, options: EstimateOptions, origin: str = "table", store: bool = True
    ) -> StoredEstimate:
        """Fit, then (if ``store``) save the run and its audit event in one transaction."""
        if store:  # refuse before minutes of sampling, not after
            check_permission(self.book.actor, self.book.role, "estimate.run")
        result = estimate(table, options)
        if not store:
            return StoredEstimate(None, result)
        record = result.to_dict()
        with self.book.write("estimate.run") as w:
            run_id = w.conn.execute(
                sa.insert(t.estimates)
                .values(
                    method=result.method,
                    params={**options.as_dict(), "origin": origin},
                    seed=options.seed,
                    data_hash=table.digest(),
                    data=table.to_json(),
                    software=software_versions(),
                    result=record,
                    created_at=utc_now(),
                    actor=self.book.actor,
                )
                .returning(t.estimates.c.id)
            ).scalar_one()
            w.audit(
                "estimate.run",
                "estimate",
                run_id,
                {
                    "method": result.method,
                    "data_hash": table.digest(),
                    "origin": origin,
                    "estimate": record["estimate"],
                    "interval": record["interval"],
                },
            )
        return StoredEstimate(run_id, result)

    def list(self) -> list[dict[str, Any]]:
        """Stored runs, newest first, with their headline numbers."""
        e = t.estimates
        with self.book.read() as conn:
            rows = conn.execute(sa.select(e).order_by(e.c.id.desc())).mappings().all()
        return [
            {
                "id": row["id"],
                "created_at": row["created_at"],
                "method": row["method"],
                "observed": row["result"]["observed"],
                "estimate": row["result"]["estimate"],
                "low": row["result"]["interval"][0],
                "high": row["result"]["interval"][1],
                "data_hash": row["data_hash"],
                "actor": row["actor"],
            }
            for row in rows
        ]

    def show(self, run_id: int) -> dict[str, Any]:
        """One stored run in full: options, data, software and result."""
        with self.book.read() as conn:
            row = conn.execute(sa.select(t.estimates).where(t.estimates.c.id == run_id)).mappings().one_or_none()
        if row is None:
            raise NotFoundError(f"no stored estimate with id {run_id}", hint="list them with: tollbook estimates")
        return dict(row)

    def rerun(self, run_id: int) -> EstimateResult:
        """Repeat a stored run from its stored table and options (not stored again)."""
        stored = self.show(run_id)
        options = {k: v for k, v in stored["params"].items() if k != "origin"}
        return estimate(CaptureTable.from_json(stored["data"]), EstimateOptions(**options))


def _age_group(age: int | None) -> str | None:
    if age is None:
        return None
    for top, label in ((14, "0-14"), (29, "15-29"), (44, "30-44"), (59, "45-59")):
        if age <= top:
            return label
    return "60+"


def _mode(values: list[str]) -> str:
    """A person's field is the value most of their records give (first seen on ties)."""
    return Counter(values).most_common(1)[0][0] if values else MISSING
