"""Capture histories: which lists recorded how many people, read from a CSV or from memberships.

Every estimator works on a :class:`CaptureTable`: one row per observed capture pattern (a 0/1
vector over the lists) with the number of people who have exactly that pattern. The all-zero
pattern never appears — estimating it is the whole job. A table may carry strata (one label
tuple per row); :meth:`CaptureTable.by_stratum` splits it so each stratum is estimated alone.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from tollbook.errors import DataFormatError, InputError

COUNT_COLUMN = "count"
_BINARY = {"0": 0, "1": 1, "0.0": 0, "1.0": 1}


@dataclass(frozen=True, eq=False)
class CaptureTable:
    """Observed capture patterns over named lists, optionally split into strata.

    ``patterns`` is an (m, k) 0/1 matrix, ``counts`` the m people-counts; rows with the same
    pattern (and stratum) are merged on construction, so the table is canonical.
    """

    lists: tuple[str, ...]
    patterns: npt.NDArray[np.int8]
    counts: npt.NDArray[np.int64]
    stratum_names: tuple[str, ...] = ()
    strata: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def build(
        cls,
        lists: Sequence[str],
        patterns: npt.ArrayLike,
        counts: npt.ArrayLike,
        stratum_names: Sequence[str] = (),
        strata: Sequence[tuple[str, ...]] = (),
    ) -> CaptureTable:
        """Merge duplicate rows, drop zero counts and check the invariants every estimator needs."""
        matrix = np.asarray(patterns, dtype=np.int8).reshape(-1, len(lists))
        numbers = np.asarray(counts, dtype=np.int64).reshape(-1)
        labels = list(strata) if stratum_names else [()] * len(numbers)
        merged: dict[tuple[tuple[str, ...], tuple[int, ...]], int] = {}
        for label, row, count in zip(labels, matrix.tolist(), numbers.tolist(), strict=True):
            if count > 0:
                key = (tuple(label), tuple(row))
                merged[key] = merged.get(key, 0) + int(count)
        keys = sorted(merged, key=lambda key: (key[0], tuple(-b for b in key[1])))
        table = cls(
            lists=tuple(lists),
            patterns=np.array([k[1] for k in keys], dtype=np.int8).reshape(-1, len(lists)),
            counts=np.array([merged[k] for k in keys], dtype=np.int64),
            stratum_names=tuple(stratum_names),
            strata=tuple(k[0] for k in keys) if stratum_names else (),
        )
        table.check()
        return table

    @classmethod
    def from_memberships(
        cls,
        memberships: Mapping[Any, Iterable[str]],
        lists: Sequence[str] | None = None,
        strata: Mapping[Any, tuple[str, ...]] | None = None,
        stratum_names: Sequence[str] = (),
    ) -> CaptureTable:
        """Person -> lists they appear on (the casebook's linked persons) -> capture table."""
        names = list(lists) if lists is not None else sorted({n for s in memberships.values() for n in s})
        index = {name: j for j, name in enumerate(names)}
        rows, labels = [], []
        for person, person_lists in memberships.items():
            row = [0] * len(names)
            for name in person_lists:
                if name not in index:
                    raise InputError(f"person {person!r} is on list {name!r}, which is not among {names}")
                row[index[name]] = 1
            if any(row):
                rows.append(row)
                labels.append(tuple(strata[person]) if strata is not None else ())
        return cls.build(names, rows, [1] * len(rows), stratum_names if strata is not None else (), labels)

    def check(self, path: str | None = None) -> None:
        """Refuse tables no estimator can use, saying what to do instead."""
        if len(self.lists) < 2:
            raise InputError(
                f"capture–recapture needs at least two lists, got {len(self.lists)} ({', '.join(self.lists)})",
                path=path,
                hint="add a 0/1 column for every list people were recorded on",
            )
        if self.observed == 0:
            raise InputError(
                "the capture table is empty (no person with a positive count)",
                path=path,
                hint="give at least one row with count > 0",
            )

    @property
    def k(self) -> int:
        """Number of lists."""
        return len(self.lists)

    @property
    def observed(self) -> int:
        """People seen on at least one list."""
        return int(self.counts.sum())

    def full_counts(self) -> npt.NDArray[np.float64]:
        """Counts over all 2^k patterns, index = sum of 2^j over lists j present (cell 0 is unseen)."""
        full = np.zeros(2**self.k)
        codes = self.patterns.astype(np.int64) @ (1 << np.arange(self.k, dtype=np.int64))
        np.add.at(full, codes, self.counts)
        return full

    def by_stratum(self) -> dict[tuple[str, ...], CaptureTable]:
        """One table per stratum label (a single ``()`` entry when the table has no strata)."""
        if not self.stratum_names:
            return {(): self}
        groups: dict[tuple[str, ...], list[int]] = {}
        for i, label in enumerate(self.strata):
            groups.setdefault(label, []).append(i)
        return {
            label: CaptureTable.build(self.lists, self.patterns[rows], self.counts[rows])
            for label, rows in groups.items()
        }

    def to_json(self) -> dict[str, object]:
        """The canonical form: lists, stratum names, rows of [*stratum, *pattern, count]."""
        labels = self.strata or ((),) * len(self.counts)
        rows = [
            [*label, *row, int(count)]
            for label, row, count in zip(labels, self.patterns.tolist(), self.counts.tolist(), strict=True)
        ]
        return {"lists": list(self.lists), "stratum_names": list(self.stratum_names), "rows": rows}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> CaptureTable:
        """Inverse of :meth:`to_json` (how a stored run is repeated)."""
        lists = [str(x) for x in data["lists"]]  # type: ignore[attr-defined]
        names = [str(x) for x in data["stratum_names"]]  # type: ignore[attr-defined]
        rows: list[list[Any]] = list(data["rows"])  # type: ignore[call-overload]
        s = len(names)
        return cls.build(
            lists, [r[s:-1] for r in rows], [r[-1] for r in rows], names, [tuple(str(x) for x in r[:s]) for r in rows]
        )

    def digest(self) -> str:
        """sha256 of the canonical table, so a stored result names exactly the data it came from."""
        return hashlib.sha256(json.dumps(self.to_json(), separators=(",", ":")).encode()).hexdigest()

    def list_totals(self) -> dict[str, int]:
        """How many people each list recorded."""
        return {name: int(self.counts[self.patterns[:, j] == 1].sum()) for j, name in enumerate(self.lists)}


def read_capture_csv(path: str | Path, strata: Sequence[str] | None = None) -> CaptureTable:
    """Read a capture-pattern CSV: 0/1 list columns, optional ``count``, optional leading strata.

    Without ``strata`` the leading columns that are mostly not 0/1 are taken as stratum
    labels (``age_group``, ``Region``...); everything else except ``count`` must be a list.
    """
    name = str(path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except OSError as error:
        raise InputError(
            f"cannot read the capture table: {error.strerror}", path=name, hint="check the file name"
        ) from error
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise DataFormatError("the file is empty", path=name, hint="put a header row of list names first")
    header = [cell.strip() for cell in rows[0]]
    body = rows[1:]
    if not body:
        raise DataFormatError(
            "the capture table has a header but no rows",
            path=name,
            line=1,
            hint="add one row per capture pattern (or per person)",
        )
    _check_widths(name, header, body)
    has_count = COUNT_COLUMN in header
    stratum_names = _stratum_columns(name, header, body, strata)
    list_names = [c for c in header if c not in stratum_names and c != COUNT_COLUMN]
    columns = {c: i for i, c in enumerate(header)}
    patterns, counts, labels = [], [], []
    for offset, row in enumerate(body, start=2):
        pattern = [_binary(name, offset, c, row[columns[c]]) for c in list_names]
        count = _count(name, offset, row[columns[COUNT_COLUMN]]) if has_count else 1
        if not any(pattern):
            raise DataFormatError(
                "a capture pattern with all zeros (seen on no list)",
                path=name,
                line=offset,
                hint="remove the row: people on no list are what the estimate is for",
            )
        patterns.append(pattern)
        counts.append(count)
        labels.append(tuple(row[columns[s]].strip() for s in stratum_names))
    table = CaptureTable.build(list_names, patterns, counts, stratum_names, labels)
    table.check(path=name)
    return table


def _check_widths(path: str, header: list[str], body: list[list[str]]) -> None:
    if len(set(header)) != len(header):
        raise DataFormatError(
            "the header repeats a column name", path=path, line=1, hint="give each list a unique name"
        )
    for line, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise DataFormatError(
                f"row has {len(row)} cells but the header has {len(header)}",
                path=path,
                line=line,
                hint="check for a missing or extra comma",
            )


def _stratum_columns(path: str, header: list[str], body: list[list[str]], strata: Sequence[str] | None) -> list[str]:
    """Explicit strata, or the leading columns whose values are mostly not 0/1."""
    if strata is not None:
        missing = [s for s in strata if s not in header]
        if missing:
            raise InputError(
                f"stratum column(s) {', '.join(missing)} not in the header {header}",
                path=path,
                line=1,
                hint="spell the --strata names as in the header",
            )
        return list(strata)
    found = []
    for i, column in enumerate(header):
        if column == COUNT_COLUMN:
            break
        binary = sum(row[i].strip() in _BINARY for row in body)
        if binary * 2 >= len(body):
            break
        found.append(column)
    return found


def _binary(path: str, line: int, column: str, cell: str) -> int:
    value = _BINARY.get(cell.strip())
    if value is None:
        raise DataFormatError(
            f"column {column!r} holds {cell!r}, not 0 or 1",
            path=path,
            line=line,
            hint="list columns take 1 (on the list) or 0 (not on it); name stratum columns with --strata",
        )
    return value


def _count(path: str, line: int, cell: str) -> int:
    text = cell.strip()
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not np.isfinite(value) or value != int(value):
        raise DataFormatError(
            f"count {cell!r} is not a whole number",
            path=path,
            line=line,
            hint="the count column holds how many people have this pattern",
        )
    if value < 0:
        raise DataFormatError(
            f"count {cell!r} is negative", path=path, line=line, hint="counts of people are 0 or more"
        )
    return int(value)
