"""Canonical victim-record fields and how a list's columns map onto them.

Lists name their columns every way there is. A mapping says which column holds which
canonical field: explicit ``--map FIELD=COLUMN`` options win, then obvious names are
detected (``unique_id``/``id`` → ``record_id``, ``first_name`` → ``given_name``,
``surname`` → ``family_name``, ``dob`` → ``birth_date``, …). Every other column is kept as
*extra* data, except ground-truth columns (``true_id``, ``cluster``, …): those are dropped
before linkage so a model can never see the answer.
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

    def column(self, name: str) -> str | None:
        """The file column holding canonical field ``name``, or None."""
        return self.fields.get(name)


def squash(column: str) -> str:
    """Column name compared without case, spaces, dashes or underscores."""
    return re.sub(r"[\s_\-.]+", "", column.strip().lower())


def parse_map_options(options: Iterable[str]) -> dict[str, str]:
    """``["given_name=First Name", ...]`` → dict, rejecting unknown fields with the list of known ones."""
    mapping: dict[str, str] = {}
    for option in options:
        field_name, sep, column = option.partition("=")
        field_name = field_name.strip()
        if not sep or not column.strip():
            raise InputError(f"--map {option!r} is not FIELD=COLUMN", hint="e.g. --map given_name=first_name")
        if field_name not in CANONICAL_FIELDS:
            raise InputError(
                f"--map {option!r}: unknown field {field_name!r}",
                hint=f"fields are: {', '.join(CANONICAL_FIELDS)}",
            )
        mapping[field_name] = column.strip()
    return mapping


def map_columns(columns: Sequence[str], explicit: Mapping[str, str] | None = None, *, path: str = "") -> ColumnMap:
    """Decide which column is which field: explicit mapping first, then the known aliases."""
    explicit = dict(explicit or {})
    missing = [c for c in explicit.values() if c not in columns]
    if missing:
        raise InputError(
            f"--map names column(s) {', '.join(map(repr, missing))} that the file does not have",
            path=path or None,
            hint=f"columns are: {', '.join(columns)}",
        )
    fields = dict(explicit)
    used = set(explicit.values())
    for canonical, aliases in ALIASES.items():
        if canonical in fields:
            continue
        for column in columns:
            if column not in used and squash(column) in aliases:
                fields[canonical] = column
                used.add(column)
                break
    dropped = tuple(c for c in columns if c not in used and squash(c) in TRUTH_COLUMNS)
    extras = tuple(c for c in columns if c not in used and c not in dropped)
    return ColumnMap(fields, extras, dropped)
