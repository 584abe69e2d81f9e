"""Reading a victim list (CSV or XLSX) and checking its rows, problem by problem, with line numbers.

A bad row never sinks the list: :func:`check_rows` returns the good rows and one
:class:`RowProblem` per bad value (file, line, field, what is wrong), so the user can fix the
source while the rest is imported. Line numbers are those a spreadsheet shows: the header
is line 1.
"""

from __future__ import annotations

import csv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tollbook.errors import DataFormatError, InputError
from tollbook.victims.dates import parse_age, parse_partial_date
from tollbook.victims.fields import STATUSES, ColumnMap
from tollbook.victims.names import name_tokens

NAME_FIELDS = ("name", "given_name", "father_name", "family_name")


@dataclass(frozen=True)
class RowProblem:
    """One bad value: where it is and what is wrong with it."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def read_table(path: Path) -> pd.DataFrame:
    """All cells as text (blank → ""), columns as in the header; CSV delimiter sniffed."""
    if not path.is_file():
        raise InputError("no such file", path=str(path), hint="check the path")
    suffix = path.suffix.lower()
    try:
        if suffix in {".xlsx", ".xlsm"}:
            frame = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, sep=_delimiter(path), encoding="utf-8-sig")
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError, OSError, zipfile.BadZipFile) as error:
        raise DataFormatError(
            f"cannot read the table: {error}", path=str(path), hint="save it as UTF-8 CSV or XLSX with one header row"
        ) from error
    frame.columns = [str(c).strip() for c in frame.columns]
    if frame.columns.duplicated().any():
        raise DataFormatError("the header repeats a column name", path=str(path), line=1, hint="rename the columns")
    return frame


def _delimiter(path: Path) -> str:
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        sample = handle.read(20_000)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def check_rows(frame: pd.DataFrame, columns: ColumnMap, path: str) -> tuple[pd.DataFrame, list[RowProblem]]:
    """Good rows (original index kept) and the problems of the others."""
    problems: list[RowProblem] = []
    bad: set[int] = set()
    for position, (_, row) in enumerate(frame.iterrows()):
        line = position + 2
        found = _row_problems(row, columns, path, line)
        if found:
            problems.extend(found)
            bad.add(position)
    keep = [i for i in range(len(frame)) if i not in bad]
    return frame.iloc[keep], problems


def _row_problems(row: pd.Series, columns: ColumnMap, path: str, line: int) -> list[RowProblem]:
    out: list[RowProblem] = []

    def value(field: str) -> str:
        column = columns.column(field)
        return str(row[column]).strip() if column else ""

    if not any(name_tokens(value(f)) for f in NAME_FIELDS) and not value("age"):
        out.append(RowProblem(path, line, "name", "the row has no name and no age (an unnamed body needs an age)"))
    for field in ("birth_date", "date_of_death"):
        if text := value(field):
            try:
                parse_partial_date(text)
            except ValueError as error:
                out.append(RowProblem(path, line, field, str(error)))
    if text := value("age"):
        try:
            parse_age(text)
        except ValueError as error:
            out.append(RowProblem(path, line, "age", str(error)))
    if (text := value("status")) and _status(text) is None:
        out.append(RowProblem(path, line, "status", f"{text!r} is not one of {', '.join(STATUSES)}"))
    return out


def _status(text: str) -> str | None:
    """Canonical status of a cell, accepting common variants ("security_forces", "civ")."""
    folded = text.strip().lower().replace("_", " ").replace("-", " ")
    aliases = {
        "civ": "civilian",
        "civilians": "civilian",
        "military": "security forces",
        "soldier": "security forces",
        "fighter": "combatant",
        "combatants": "combatant",
        "مدني": "civilian",
        "عسكري": "security forces",
        "مقاتل": "combatant",
        "": "unknown",
    }
    folded = aliases.get(folded, folded)
    return folded if folded in STATUSES else None


def canonical_status(text: str) -> str:
    """Status as stored: one of :data:`~tollbook.victims.fields.STATUSES` (unknown when blank)."""
    return _status(text) or "unknown"
