"""Raw list rows → the comparison table the linkage model reads (one row per record).

Every column here is derived by :mod:`~tollbook.victims.names` and
:mod:`~tollbook.victims.dates` and is the same whichever engine (DuckDB, Spark) runs the
model. Work is done once per *distinct* value (names repeat a lot), so a million records
cost seconds, not minutes. Columns, all nullable:

=============  =========================================================================
``unique_id``  row number (record ids may repeat across lists)
``given_n``    normal form of the given name (``given_k``: its cross-script key); the
               same pair for ``father_`` and ``family_``
``given_p``    first two letters of the normal given name (``family_p`` too), for blocking
``by``/``bm``  birth year / month (year also from age at death); ``bdate``: digits of a
               full written date of birth, kept raw so typos can be scored; ``bday``:
               days since 1970 of a valid full date of birth; ``bmd``: its month and
               day digits (blocks records whose year has a typo)
``dy``/``dm``  year / month of death; ``dday``: days since 1970 for a full date of death
``place_n``    folded place (``place_k``: its key); ``sex``: ``m`` / ``f``
``x_<col>``    extra columns, folded (used as comparisons when they help); ``ux_<col>``:
               the user part of an e-mail column (a blocking key only)
=============  =========================================================================
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd

from tollbook.victims.fields import ColumnMap, squash
from tollbook.victims.names import fold_latin, name_key, normalise_name, split_full_name
from tollbook.victims.placenames import place_key

NAME_PARTS = ("given", "father", "family")
_SEX = {"m": "m", "male": "m", "man": "m", "ذكر": "m", "h": "m", "f": "f", "female": "f", "woman": "f", "انثى": "f",
        "أنثى": "f", "انثي": "f", "w": "f"}  # fmt: skip
_DIGITS = re.compile(r"\d+")
_EPOCH = date(1970, 1, 1).toordinal()


def build_features(raw: pd.DataFrame, columns: ColumnMap) -> pd.DataFrame:
    """The comparison table for ``raw`` rows read through ``columns``."""
    out = pd.DataFrame({"unique_id": np.arange(len(raw), dtype=np.int64)})
    out["list"] = _text(raw, columns.column("list")).fillna("list").to_numpy()
    _add_names(out, raw, columns)
    death = _date_parts(_text(raw, columns.column("date_of_death")))
    _add_birth(out, raw, columns, death["year"])
    _add_death(out, death)
    place = _text(raw, columns.column("place"))
    out["place_n"] = _per_value(place, normalise_name)
    out["place_k"] = _per_value(place, place_key)
    out["sex"] = _per_value(_text(raw, columns.column("sex")), lambda v: _SEX.get(v.strip().lower()))
    for extra in columns.extras:
        if "name" in squash(extra) and extra not in columns.compared:
            continue  # a second copy of the name parts would count the same evidence twice
        column = extra_column(extra)
        out[column] = _per_value(_text(raw, extra), fold_extra)
        users = out[column].map(lambda v: v.split("@")[0] if isinstance(v, str) and "@" in v else None)
        if users.notna().mean() > 0.3:  # an e-mail column: its user part is a blocking key
            out["u" + column] = users.where(users.str.len() >= 3, None).to_numpy(dtype=object)
    return out


def fold_extra(value: str) -> str | None:
    """An extra value folded like a name, but an e-mail keeps its ``@`` (its user part is compared)."""
    folded = "@".join(fold_latin(part) for part in value.split("@"))
    return folded if folded.strip("@") else None


def extra_column(column: str) -> str:
    """SQL-safe feature name of an extra column."""
    return "x_" + re.sub(r"[^0-9a-z]+", "_", fold_latin(column) or "col").strip("_")


def _text(raw: pd.DataFrame, column: str | None) -> pd.Series:
    """A column as trimmed strings with blanks as None (an all-None series when absent).

    Each distinct value is trimmed once: a million rows hold a few hundred thousand names.
    """
    if column is None:
        return pd.Series([None] * len(raw), index=raw.index, dtype=object)
    values = raw[column]
    missing = values.isna().to_numpy()
    codes, distinct = pd.factorize(values.astype(str))  # as text first: 0 and 0.0 stay "0" and "0.0"
    trimmed = np.asarray([value.strip() or None for value in distinct], dtype=object)[codes]
    trimmed[missing] = None
    return pd.Series(trimmed, index=raw.index, dtype=object)


def _per_value(series: pd.Series, func: Callable[[str], object]) -> np.ndarray:
    """Apply ``func`` once per distinct non-null value (names and places repeat a lot)."""
    values = series.dropna().unique()
    lookup = {v: func(v) for v in values}
    mapped = series.map(lookup)
    return mapped.where(mapped.notna() & (mapped != ""), None).to_numpy(dtype=object)


def _add_names(out: pd.DataFrame, raw: pd.DataFrame, columns: ColumnMap) -> None:
    """Name parts from their columns; the full name is split only for rows with no part at all.

    A row that gives a family name but no given name has lost its given name: splitting its
    full name ("Green") would put the family name in the given-name slot.
    """
    parts = {part: _text(raw, columns.column(f"{part}_name")) for part in NAME_PARTS}
    no_part = np.logical_and.reduce([p.isna().to_numpy() for p in parts.values()])
    full = _text(raw, columns.column("name")).where(no_part, None)
    split = {v: split_full_name(v) for v in full.dropna().unique()}
    for part in NAME_PARTS:
        given = parts[part]
        from_full = full.map({v: getattr(names, part) for v, names in split.items()}).astype(object)
        value = given.where(given.notna(), from_full)
        out[f"{part}_n"] = _per_value(value, normalise_name)
        out[f"{part}_k"] = _per_value(value, name_key)
        out[f"{part}_p"] = _per_value(value, lambda v: normalise_name(v)[:2] or None)


def _add_birth(out: pd.DataFrame, raw: pd.DataFrame, columns: ColumnMap, death_year: pd.Series) -> None:
    parts = _date_parts(_text(raw, columns.column("birth_date")))
    out["bdate"] = parts["digits"].where(parts["digits"].str.len() == 8, None).to_numpy(dtype=object)
    year = parts["year"]
    stated = pd.to_numeric(_text(raw, columns.column("birth_year")), errors="coerce")
    year = year.where(year.notna(), stated)
    age = pd.to_numeric(_text(raw, columns.column("age")), errors="coerce")
    year = year.where(year.notna(), death_year - age)
    out["by"] = year.astype("Int64").to_numpy()
    out["bm"] = parts["month"].astype("Int64").to_numpy()
    out["bday"] = parts["dday"].astype("Int64").to_numpy()
    out["bmd"] = out["bdate"].map(lambda v: v[4:] if isinstance(v, str) else None).to_numpy(dtype=object)


def _add_death(out: pd.DataFrame, parts: pd.DataFrame) -> None:
    out["dy"] = parts["year"].astype("Int64").to_numpy()
    out["dm"] = parts["month"].astype("Int64").to_numpy()
    out["dday"] = parts["dday"].astype("Int64").to_numpy()


def _date_parts(series: pd.Series) -> pd.DataFrame:
    """Lenient year / month / day-number of each distinct date text (bad values stay partial)."""
    codes, distinct = pd.factorize(series)
    parsed = [_loose_date(v) for v in distinct] + [(None, None, None, None)]  # code −1 (blank) → the last
    table = pd.DataFrame(parsed, columns=["digits", "year", "month", "dday"])
    frame = table.take(codes).set_axis(series.index)
    for name in ("year", "month", "dday"):
        frame[name] = pd.to_numeric(frame[name], errors="coerce")
    return frame


def _loose_date(text: str) -> tuple[str | None, int | None, int | None, int | None]:
    """Digits, year, month and day number of a date as written, tolerating invalid parts.

    Lists and test sets carry dates like 19561304; a strict parser would lose the year and
    month that are still evidence, so only what is plausible is kept.
    """
    groups = _DIGITS.findall(text)
    if len(groups) == 1 and len(groups[0]) == 8:
        groups = [groups[0][:4], groups[0][4:6], groups[0][6:]]
    if len(groups) >= 2 and len(groups[-1]) == 4 and len(groups[0]) <= 2:
        groups = list(reversed(groups))
    if not groups or len(groups[0]) != 4:
        return None, None, None, None
    year = int(groups[0])
    month = int(groups[1]) if len(groups) > 1 and 1 <= int(groups[1]) <= 12 else None
    day = int(groups[2]) if len(groups) > 2 else None
    digits = "".join(g.zfill(2) for g in groups[:3]) if len(groups) >= 3 else None
    return digits, year, month, _day_number(year, month, day)


def _day_number(year: int, month: int | None, day: int | None) -> int | None:
    try:
        return date(year, month, day).toordinal() - _EPOCH if month and day else None
    except ValueError:
        return None
