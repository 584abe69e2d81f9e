"""Checked list rows → the values a casebook stores for each victim record.

One row of a list file becomes one record with canonical fields: names as written, sex as
``m``/``f``, age and birth year as integers, dates as partial ISO (``2013``, ``2013-05``,
``2013-05-02``), status as one of civilian / security_forces / combatant / unknown, and
every unmapped column kept in ``extra``. The line number is the spreadsheet line (header =
1), so a record can always be traced back to its place in the original file.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from tollbook.victims.dates import parse_age, parse_partial_date
from tollbook.victims.fields import ColumnMap
from tollbook.victims.listfile import canonical_status

TEXT_FIELDS = ("name", "given_name", "father_name", "family_name", "place")
STORED_FIELDS = (*TEXT_FIELDS, "sex", "age", "birth_year", "birth_date", "date_of_death", "status")
_SEX = {"m": "m", "male": "m", "man": "m", "ذكر": "m", "f": "f", "female": "f", "woman": "f", "انثى": "f",
        "أنثى": "f", "انثي": "f"}  # fmt: skip


def canonical_records(good: pd.DataFrame, columns: ColumnMap, positions: list[int]) -> list[dict[str, Any]]:
    """One dict per good row (``positions``: the row's 0-based position in the file)."""
    return [_record(row, columns, position) for (_, row), position in zip(good.iterrows(), positions, strict=True)]


def _record(row: pd.Series, columns: ColumnMap, position: int) -> dict[str, Any]:
    def value(field: str) -> str:
        column = columns.column(field)
        return str(row[column]).strip() if column else ""

    line = position + 2
    record: dict[str, Any] = {f: value(f) or None for f in TEXT_FIELDS}
    record["record_id"] = value("record_id") or f"line-{line}"
    record["line"] = line
    record["sex"] = _SEX.get(value("sex").lower())
    record["age"] = parse_age(value("age")) if value("age") else None
    record["birth_date"] = parse_partial_date(value("birth_date")).iso() if value("birth_date") else None
    record["date_of_death"] = parse_partial_date(value("date_of_death")).iso() if value("date_of_death") else None
    record["birth_year"] = _birth_year(value("birth_year"), record)
    record["status"] = canonical_status(value("status")).replace(" ", "_")
    record["extra"] = {c: str(row[c]) for c in columns.extras if str(row[c]).strip()}
    return record


def _birth_year(stated: str, record: dict[str, Any]) -> int | None:
    """The stated birth year, else the year of the birth date, else death year − age."""
    if stated.strip().isdigit():
        return int(stated)
    if record["birth_date"]:
        return int(record["birth_date"][:4])
    if record["age"] is not None and record["date_of_death"]:
        return int(record["date_of_death"][:4]) - int(record["age"])
    return None


def linkage_frame(records: list[dict[str, Any]]) -> tuple[pd.DataFrame, ColumnMap]:
    """Stored records (with ``id`` and ``list``) → the table and mapping the linker reads."""
    fields = ("id", "list", *STORED_FIELDS)
    frame = pd.DataFrame([{f: r.get(f) for f in fields} for r in records], columns=list(fields), dtype=object)
    frame = frame.drop(columns=["status"]).map(lambda v: "" if v is None or pd.isna(v) else str(v))
    mapping = {f: f for f in frame.columns if f != "id"} | {"record_id": "id"}
    return frame, ColumnMap(mapping)
