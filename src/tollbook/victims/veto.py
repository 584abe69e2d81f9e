"""The rules that override the model: different given names, or birth years more than five
years apart, are different people — unless something that identifies a person, not a
family, agrees.

Victims of one incident are often relatives: same family name, village, date of death, even
father's name. A Fellegi–Sunter model multiplies that shared context as if it were
independent evidence and links siblings. So a link is vetoed when both records have a
given name and the names disagree outright (see :func:`_given_names_differ`: not a
spelling variant, not a cross-script transliteration or typo, not a known nickname such
as Hamoudeh for Mohammad, not swapped with the family name).

Family context cannot tell siblings apart, but a person's own identifiers can: the same
full date of birth (one typo allowed), or agreement on an extra column that the trained
model treats as nearly a key (an id number, an e-mail: a "same" level worth at least
:data:`IDENTIFIER_BITS` bits). With such evidence the model decides, so a list whose clerk
replaced a given name (or wrote a nickname) still links on its identifiers. A reviewer's
*match* decision links any pair.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein
from rapidfuzz.process import cpdist

from tollbook.victims.arabic import is_arabic
from tollbook.victims.names import arabic_readings, formal_keys

IDENTIFIER_BITS = 8.0
_COMPARED = ("given_n", "given_k", "family_k", "by", "bdate", "dy", "dm", "dday")
MAX_BIRTH_GAP = 5


def vetoed(pairs: pd.DataFrame, features: pd.DataFrame, model: dict[str, Any] | None = None) -> np.ndarray:
    """Boolean mask over ``pairs``: True where the given names disagree and nothing personal agrees."""
    if not len(pairs) or "given_n" not in features.columns:
        return np.zeros(len(pairs), dtype=bool)
    wanted = [c for c in (*_COMPARED, *identifier_columns(model)) if c in features.columns]
    left = features[wanted].iloc[pairs["unique_id_l"].to_numpy()]
    right = features[wanted].iloc[pairs["unique_id_r"].to_numpy()]
    names = _given_names_differ(left, right) & _both_dead(left, right)
    births = _births_differ(left, right) & _died_together(left, right)
    return (names | births) & ~_identified(left, right, model)


def _both_dead(left: pd.DataFrame, right: pd.DataFrame) -> np.ndarray:
    """Both records give a year of death: records of the dead, where relatives abound."""
    if "dy" not in left.columns:
        return np.zeros(len(left), dtype=bool)
    return np.asarray(~np.isnan(_numbers(left["dy"])) & ~np.isnan(_numbers(right["dy"])), dtype=bool)


def _died_together(left: pd.DataFrame, right: pd.DataFrame) -> np.ndarray:
    """Dates of death within three days, or the same month when a day is missing.

    Only there does shared family context masquerade as identity; lists without dates of
    death (most person data) are left to the model alone.
    """
    if "dy" not in left.columns:
        return np.zeros(len(left), dtype=bool)
    days = np.abs(_numbers(left["dday"]) - _numbers(right["dday"]))
    month = (_numbers(left["dy"]) == _numbers(right["dy"])) & (_numbers(left["dm"]) == _numbers(right["dm"]))
    return np.asarray(np.where(np.isnan(days), month, days <= 3), dtype=bool)


def _numbers(series: pd.Series) -> np.ndarray:
    return series.astype("Float64").to_numpy(dtype=float, na_value=np.nan)


def _births_differ(left: pd.DataFrame, right: pd.DataFrame) -> np.ndarray:
    """Birth years more than :data:`MAX_BIRTH_GAP` apart (a parent and a child of one name)."""
    if "by" not in left.columns:
        return np.zeros(len(left), dtype=bool)
    gap = np.abs(_numbers(left["by"]) - _numbers(right["by"]))
    far = np.nan_to_num(gap, nan=0.0) > MAX_BIRTH_GAP
    return np.asarray(far & ~_same_birth_date(left, right), dtype=bool)


def _same_birth_date(left: pd.DataFrame, right: pd.DataFrame) -> np.ndarray:
    """Full written dates of birth equal but for one typo or one swap of adjacent digits."""
    if "bdate" not in left.columns:
        return np.zeros(len(left), dtype=bool)
    dates_l, dates_r = _text(left["bdate"]), _text(right["bdate"])
    close = cpdist(dates_l, dates_r, scorer=OSA.distance, workers=1) <= 1
    return np.asarray((dates_l != "") & (dates_r != "") & close, dtype=bool)


def _given_names_differ(left: pd.DataFrame, right: pd.DataFrame) -> np.ndarray:
    """Both given names present and not the same name in any accepted sense.

    Consonant keys are coarse (Mohammad and Mahmoud share ``MHMD``), so finer evidence
    comes first. Two Arabic-script spellings must be equal (orthography is already
    folded: حسن and حسين are two names). When both spellings are attested in the
    spelling table and cannot write one Arabic name (Mohamed / محمود), they differ.
    Otherwise a close spelling (Jaro–Winkler ≥ 0.9) or the cross-script key (Jaro–Winkler
    ≥ 0.9, or one edit apart on keys of three or more letters with the same initial: a
    Latin typo) makes them the same name. A known nickname meets its name.
    """
    names_l, names_r = _text(left["given_n"]), _text(right["given_n"])
    keys_l, keys_r = _text(left["given_k"]), _text(right["given_k"])
    family_l, family_r = _text(left["family_k"]), _text(right["family_k"])
    both = (names_l != "") & (names_r != "")
    arabic, written, readable = _per_distinct_pair(_spellings_compared, names_l, names_r)
    close, nicknamed = _per_distinct_pair(_keys_compared, keys_l, keys_r)
    crossed_l, crossed_r = keys_l == family_r, family_l == keys_r
    swapped = (crossed_l & crossed_r) | (crossed_l & (family_l == "")) | (crossed_r & (family_r == ""))
    same = written | nicknamed | swapped | (~arabic & ~readable & close)
    return np.asarray(both & ~same, dtype=bool)


def _per_distinct_pair(
    compare: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, ...]], left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, ...]:
    """``compare`` run once per distinct (left, right) and spread back over every row.

    Pairs repeat name combinations (Mohammad meets Mohammad thousands of times in a large
    list), so the string work is done once per combination.
    """
    codes = pd.DataFrame({"l": left, "r": right}).groupby(["l", "r"], sort=False).ngroup().to_numpy()
    first = np.unique(codes, return_index=True)[1]
    return tuple(result[codes] for result in compare(left[first], right[first]))


def _spellings_compared(names_l: np.ndarray, names_r: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Both Arabic script; the same written name; both attested but of different Arabic names."""
    arabic = np.fromiter((is_arabic(a) and is_arabic(b) for a, b in zip(names_l, names_r, strict=True)), bool)
    readable = np.fromiter((_readings_differ(a, b) for a, b in zip(names_l, names_r, strict=True)), bool)
    spelled = cpdist(names_l, names_r, scorer=JaroWinkler.similarity, workers=1) >= 0.9
    written = np.where(arabic, names_l == names_r, spelled & ~readable)
    return arabic, written, readable


def _keys_compared(keys_l: np.ndarray, keys_r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cross-script keys close (Jaro–Winkler ≥ 0.9, or a Latin typo); one a nickname of the other."""
    keyed = cpdist(keys_l, keys_r, scorer=JaroWinkler.similarity, workers=1) >= 0.9
    shortest = np.minimum([len(k) for k in keys_l], [len(k) for k in keys_r]) if len(keys_l) else np.zeros(0)
    initial = np.asarray([a[:1] == b[:1] for a, b in zip(keys_l, keys_r, strict=True)], dtype=bool)
    near = (cpdist(keys_l, keys_r, scorer=Levenshtein.distance, workers=1) <= 1) & (shortest >= 3) & initial
    nicknamed = np.fromiter((_nickname_of(a, b) for a, b in zip(keys_l, keys_r, strict=True)), bool)
    return keyed | near, nicknamed


def _readings_differ(name_l: str, name_r: str) -> bool:
    """Both spellings are attested and cannot write the same Arabic name (Mohamed / محمود)."""
    left, right = arabic_readings(name_l), arabic_readings(name_r)
    return left is not None and right is not None and not (left & right)


def _nickname_of(key_l: str, key_r: str) -> bool:
    """One key is a known nickname of the other name (Hamoudeh ↔ Mohammad)."""
    if not key_l or not key_r or key_l == key_r:
        return False
    return key_r in formal_keys(key_l) or key_l in formal_keys(key_r)


def _identified(left: pd.DataFrame, right: pd.DataFrame, model: dict[str, Any] | None) -> np.ndarray:
    """Pairs that share a full date of birth (≤ 1 typo) or a near-key extra column."""
    out = _same_birth_date(left, right)
    for column in identifier_columns(model):
        if column in left.columns:
            values_l, values_r = _text(left[column]), _text(right[column])
            out |= (values_l != "") & (values_l == values_r)
    return out


def identifier_columns(model: dict[str, Any] | None) -> list[str]:
    """Extra columns whose trained "same" level is worth at least :data:`IDENTIFIER_BITS` bits."""
    chosen = []
    for comparison in (model or {}).get("comparisons", []):
        name = str(comparison.get("output_column_name", ""))
        if not name.startswith("x_"):
            continue
        same = next((lv for lv in comparison["comparison_levels"] if lv.get("label_for_charts") == "same"), None)
        if same and _bits(same) >= IDENTIFIER_BITS:
            chosen.append(name)
    return chosen


def _bits(level: dict[str, Any]) -> float:
    m, u = level.get("m_probability"), level.get("u_probability")
    return math.log2(m / u) if m and u else 0.0


def _text(series: pd.Series) -> np.ndarray:
    return series.fillna("").astype(str).to_numpy()
