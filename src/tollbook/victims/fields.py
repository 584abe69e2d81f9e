"""Canonical victim-record fields and how a list's columns map onto them.

Lists name their columns every way there is. A mapping says which column holds which
canonical field: explicit ``--map FIELD=COLUMN`` options win, then obvious names are
detected (``unique_id``/``id`` → ``record_id``, ``first_name`` → ``given_name``,
``surname`` → ``family_name``, ``dob`` → ``birth_date``, …). Every other column is kept as
*extra* data, except ground-truth columns (``true_id``, ``cluster``, …): those are dropped
before linkage so a model can never see the answer.

``--map`` is forgiving because whoever writes it has not read our field list: a field may
be named by an alias (``first_name=fname`` means ``given_name=fname``), written the other
way round (``fname=given_name`` when ``fname`` is the column), or be a field we have no
name for (``email=e_mail``, ``postcode=pc``): that column is then an extra that the model
compares (exactly and fuzzily) and whose weight EM learns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tollbook.errors import InputError

CANONICAL_FIELDS = (
    "record_id", "list", "name", "given_name", "father_name", "family_name", "sex", "age",
    "birth_year", "birth_date", "date_of_death", "place", "status",
)  # fmt: skip
STATUSES = ("civilian", "security forces", "combatant", "unknown")

# Column names (lower case, separators removed) recognised without a --map option.
ALIASES: dict[str, tuple[str, ...]] = {
    "record_id": ("recordid", "uniqueid", "id", "recid", "rowid", "uid"),
    "list": ("list", "sourcedataset", "source", "listname", "dataset"),
    "name": ("name", "fullname", "victimname", "الاسم", "الاسمالكامل"),
    "given_name": ("givenname", "firstname", "forename", "fname", "first", "الاسمالاول"),
    "father_name": ("fathername", "fathersname", "father", "اسمالاب", "الاب"),
    "family_name": ("familyname", "surname", "lastname", "lname", "last", "الكنية", "اللقب"),
    "sex": ("sex", "gender", "الجنس"),
    "age": ("age", "ageatdeath", "العمر"),
    "birth_year": ("birthyear", "yearofbirth", "yob"),
    "birth_date": ("birthdate", "dateofbirth", "dob", "born"),
    "date_of_death": ("dateofdeath", "deathdate", "dod", "date", "died"),
    "place": ("place", "birthplace", "placeofbirth", "village", "town", "city", "location", "المكان"),
    "status": ("status", "category", "الصفة"),
}
# Never given to a model: these hold (or leak) the answer.
TRUTH_COLUMNS = frozenset({"trueid", "cluster", "truth", "groundtruth", "entityid", "trueentity", "goldid"})


@dataclass(frozen=True)
class ColumnMap:
    """Canonical field → column of the file; the remaining columns are extras."""

    fields: dict[str, str]
    extras: tuple[str, ...] = ()
    dropped: tuple[str, ...] = field(default=())
    compared: tuple[str, ...] = ()  # extras named by --map: always compared

    def column(self, name: str) -> str | None:
        """The file column holding canonical field ``name``, or None."""
        return self.fields.get(name)


def squash(column: str) -> str:
    """Column name compared without case, spaces, dashes or underscores."""
    return re.sub(r"[\s_\-.]+", "", column.strip().lower())


def canonical_field(name: str) -> str | None:
    """The canonical field ``name`` stands for (itself, or by alias: ``first_name`` → ``given_name``)."""
    if name in CANONICAL_FIELDS:
        return name
    squashed = squash(name)
    return next((f for f, aliases in ALIASES.items() if squashed == squash(f) or squashed in aliases), None)


def parse_map_options(options: Iterable[str]) -> dict[str, str]:
    """``["given_name=First Name", ...]`` → dict; field aliases become canonical names.

    A field that is neither canonical nor an alias is kept under its own name: the column
    becomes an extra to compare (see :func:`map_columns`).
    """
    mapping: dict[str, str] = {}
    for option in options:
        field_name, sep, column = option.partition("=")
        field_name = field_name.strip()
        if not sep or not column.strip() or not field_name:
            raise InputError(f"--map {option!r} is not FIELD=COLUMN", hint="e.g. --map given_name=first_name")
        mapping[canonical_field(field_name) or field_name] = column.strip()
    return mapping


def _resolve(columns: Sequence[str], explicit: Mapping[str, str], path: str) -> tuple[dict[str, str], list[str]]:
    """Explicit options → (canonical field → column, extra columns to compare).

    ``COLUMN=FIELD`` (the wrong way round) is accepted when only that reading names a column.
    """
    fields: dict[str, str] = {}
    extras: list[str] = []
    for name, column in explicit.items():
        if column not in columns and name in columns and canonical_field(column):
            name, column = canonical_field(column) or column, name
        if column not in columns:
            raise InputError(
                f"--map {name}={column}: the file has no column {column!r}",
                path=path or None,
                hint=f"columns are: {', '.join(columns)}",
            )
        if name in CANONICAL_FIELDS:
            fields[name] = column
        elif column not in extras:
            extras.append(column)
    return fields, extras


def map_columns(columns: Sequence[str], explicit: Mapping[str, str] | None = None, *, path: str = "") -> ColumnMap:
    """Decide which column is which field: explicit mapping first, then the known aliases."""
    fields, compared = _resolve(columns, dict(explicit or {}), path)
    used = set(fields.values()) | set(compared)  # a column named by --map is not guessed again
    for canonical, aliases in ALIASES.items():
        if canonical in fields:
            continue
        for column in columns:
            if column not in used and squash(column) in aliases:
                fields[canonical] = column
                used.add(column)
                break
    dropped = tuple(c for c in columns if c not in used and squash(c) in TRUTH_COLUMNS)
    mapped = set(fields.values())
    extras = tuple(c for c in columns if c not in mapped and c not in dropped)
    return ColumnMap(fields, extras, dropped, tuple(compared))
