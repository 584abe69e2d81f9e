"""Synthetic Syrian victim lists with ground truth, for tests, the demo and benchmarks.

The world (seeded, so the same ``seed`` gives the same files byte for byte):

* **Persons** come in families killed together: a family shares a family name, a
  village of the coast (Latakia / Tartus) and a father's name among siblings, and
  usually a date of death (an incident). Sex is about three quarters male; ages follow a
  broad adult-heavy distribution; some have a full date of birth.
* **Four lists** see each person independently with their own coverage:
  ``arabic`` (Arabic script, given / father / family names, full dates, orthographic
  variation: hamza, taa marbuta, alef maqsura), ``ngo`` (Latin transliteration with the
  list's own spelling habit, full name without father's name, ages, dates to the month),
  ``morgue`` (Arabic script, ages, some unnamed bodies), ``social`` (Latin, nicknames,
  typos, dates off by a day, many within-list duplicates).
* **Ground truth**: ``true_id`` on every record (use it only to score).

Names and places come from ``data/vocabulary.json`` (common name vocabulary, no victim's
name; see :mod:`tollbook.victims.vocabulary_build`). Output: one CSV per list and
``all.csv`` (every record, with a ``list`` column) in the output folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

LISTS = ("arabic", "ngo", "morgue", "social")
COVERAGE = {"arabic": 0.6, "ngo": 0.5, "morgue": 0.3, "social": 0.3}
DUPLICATES = {"arabic": 0.01, "ngo": 0.03, "morgue": 0.0, "social": 0.12}
UNNAMED_IN_MORGUE = 0.03
FIRST_DEATH = date(2011, 3, 15)
DEATH_SPAN_DAYS = 3000
ARABIC_VARIANTS = (("ة", "ه"), ("أ", "ا"), ("إ", "ا"), ("ى", "ي"), ("ئ", "ي"))
STATUS_WEIGHTS = {"civilian": 0.7, "combatant": 0.12, "security forces": 0.08, "unknown": 0.1}


@dataclass
class Person:
    """One person of the synthetic world (indexes into the vocabulary)."""

    pid: int
    sex: str
    given: int
    father: int
    family: int
    place: int
    birth: date
    death: date
    full_dob: bool
    status: str


@cache
def vocabulary() -> dict[str, Any]:
    """The committed name / place vocabulary, with family names extended by "al-<given>" forms."""
    text = resources.files("tollbook.victims").joinpath("data/vocabulary.json").read_text(encoding="utf-8")
    vocab: dict[str, Any] = json.loads(text)
    derived = [
        {"arabic": "ال" + m["arabic"], "latin": ["al-" + v for v in m["latin"][:2]]}
        for m in vocab["male"] if " " not in m["arabic"]
    ]  # fmt: skip
    vocab["family"] = vocab["family"] + derived
    return vocab


def generate(persons: int, seed: int) -> pd.DataFrame:
    """All records of all lists for ``persons`` people (only people on some list appear)."""
    rng = np.random.default_rng(seed)
    people = _people(persons, rng)
    rows: list[dict[str, object]] = []
    for name in LISTS:
        seen = rng.random(len(people)) < COVERAGE[name]
        for person in (p for p, s in zip(people, seen, strict=True) if s):
            copies = 1 + int(rng.random() < DUPLICATES[name])
            rows.extend(_record(name, person, rng) for _ in range(copies))
    frame = pd.DataFrame(rows)
    frame.insert(0, "record_id", [f"{r}-{i:07d}" for i, r in enumerate(frame["list"])])
    return frame


def write_lists(frame: pd.DataFrame, folder: Path) -> list[Path]:
    """One CSV per list (without ``list``/``true_id``) plus ``all.csv`` and ``truth.csv``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, part in frame.groupby("list", sort=False):
        filled = part.map(lambda v: "" if pd.isna(v) else str(v))
        keep = [c for c in part.columns if c not in ("list", "true_id") and filled[c].str.len().gt(0).any()]
        path = folder / f"{name}.csv"
        part[keep].to_csv(path, index=False)
        written.append(path)
    frame.to_csv(folder / "all.csv", index=False)
    frame[["record_id", "list", "true_id"]].to_csv(folder / "truth.csv", index=False)
    return [*written, folder / "all.csv", folder / "truth.csv"]


def generate_lists(
    folder: Path, seed: int = 1, n_people: int = 500, lists: tuple[str, ...] = ("arabic", "ngo", "morgue")
) -> dict[str, Path]:
    """Write the chosen lists (each a CSV ready for ``tollbook victims import``) and ``truth.csv``.

    Returns list name → path, plus ``"truth"`` → the ground truth (record_id, list, true_id).
    The demo casebook uses this: an Arabic-script list and a Latin one at least.
    """
    unknown = [name for name in lists if name not in LISTS]
    if unknown:
        raise ValueError(f"unknown list(s) {', '.join(unknown)}; choose from {', '.join(LISTS)}")
    frame = generate(n_people, seed)
    frame = frame.loc[frame["list"].isin(lists)].reset_index(drop=True)
    paths = write_lists(frame, folder)
    written = {path.stem: path for path in paths}
    (folder / "all.csv").unlink()
    return {name: written[name] for name in lists if name in written} | {"truth": written["truth"]}


def _people(n: int, rng: np.random.Generator) -> list[Person]:
    vocab = vocabulary()
    out: list[Person] = []
    while len(out) < n:
        size = min(int(rng.geometric(0.45)), n - len(out))
        family = _zipf(rng, len(vocab["family"]))
        place = _zipf(rng, len(vocab["places"]))
        father = _zipf(rng, len(vocab["male"]))
        death = FIRST_DEATH + timedelta(days=int(rng.integers(DEATH_SPAN_DAYS)))
        siblings: list[Person] = []
        for _ in range(size):
            siblings.append(_person(len(out) + len(siblings), family, place, father, death, rng, siblings))
        out.extend(siblings)
    return out


def _person(
    pid: int, family: int, place: int, father: int, death: date, rng: np.random.Generator, siblings: list[Person]
) -> Person:
    """One family member; parents do not give two children the same name, so siblings' names differ."""
    vocab = vocabulary()
    sex = "m" if rng.random() < 0.75 else "f"
    taken = {p.given for p in siblings if p.sex == sex}
    given = _zipf(rng, len(vocab["male"] if sex == "m" else vocab["female"]))
    for _ in range(20):
        if given not in taken:
            break
        given = _zipf(rng, len(vocab["male"] if sex == "m" else vocab["female"]))
    age = int(np.clip(rng.normal(32, 16), 0, 90))
    birth = death - timedelta(days=365 * age + int(rng.integers(365)))
    own_death = death if rng.random() < 0.85 else death + timedelta(days=int(rng.integers(1, 400)))
    status = str(rng.choice(list(STATUS_WEIGHTS), p=list(STATUS_WEIGHTS.values())))
    return Person(pid, sex, given, father, family, place, birth, own_death, bool(rng.random() < 0.4), status)


def _zipf(rng: np.random.Generator, size: int) -> int:
    """Index with a long-tailed popularity (a few very common names, many rare ones)."""
    weights = _zipf_weights(size)
    return int(rng.choice(size, p=weights))


@cache
def _zipf_weights(size: int) -> np.ndarray:
    weights = 1.0 / np.arange(1, size + 1) ** 0.8
    return weights / weights.sum()


def _record(list_name: str, person: Person, rng: np.random.Generator) -> dict[str, object]:
    render = {"arabic": _arabic_record, "ngo": _ngo_record, "morgue": _morgue_record, "social": _social_record}
    row = render[list_name](person, rng)
    return {"list": list_name, **row, "true_id": f"T{person.pid:07d}"}


def _given(person: Person) -> dict[str, Any]:
    vocab = vocabulary()
    return (vocab["male"] if person.sex == "m" else vocab["female"])[person.given]


def _arabic(text: str, rng: np.random.Generator) -> str:
    """Arabic spelling with the orthographic variation lists show (hamza, taa marbuta, ...)."""
    for a, b in ARABIC_VARIANTS:
        if a in text and rng.random() < 0.3:
            text = text.replace(a, b)
    if text.startswith("ال") and rng.random() < 0.15:
        text = text[2:]
    return text


def _latin(entry: dict[str, Any], rng: np.random.Generator, habit: float) -> str:
    """A romanisation: the list's habitual spelling with probability ``habit``, else another."""
    spellings = entry["latin"]
    pick = 0 if rng.random() < habit or len(spellings) == 1 else int(rng.integers(1, len(spellings)))
    return " ".join(w.capitalize() if not w.startswith("al-") else "al-" + w[3:].capitalize()
                    for w in spellings[pick].split())  # fmt: skip


def _typo(text: str, rng: np.random.Generator, rate: float) -> str:
    if len(text) < 4 or rng.random() >= rate:
        return text
    i = int(rng.integers(1, len(text) - 1))
    kind = rng.integers(3)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + text[i] + text[i:]


def _age(person: Person, rng: np.random.Generator, noise: float) -> int:
    age = (person.death - person.birth).days // 365
    return max(0, age + (int(rng.integers(-1, 2)) if rng.random() < noise else 0))


def _place(person: Person, rng: np.random.Generator, script: str) -> str:
    place = vocabulary()["places"][person.place]
    if rng.random() < 0.08:
        return ""
    return _arabic(place["arabic"], rng) if script == "ar" else str(rng.choice(place["latin"]))


def _arabic_record(person: Person, rng: np.random.Generator) -> dict[str, object]:
    vocab = vocabulary()
    return {
        "given_name": _arabic(_given(person)["arabic"], rng),
        "father_name": _arabic(vocab["male"][person.father]["arabic"], rng) if rng.random() < 0.9 else "",
        "family_name": _arabic(vocab["family"][person.family]["arabic"], rng),
        "sex": "ذكر" if person.sex == "m" else "أنثى",
        "birth_date": person.birth.isoformat() if person.full_dob else "",
        "date_of_death": person.death.isoformat(),
        "place": _place(person, rng, "ar"),
        "status": person.status,
    }


def _ngo_record(person: Person, rng: np.random.Generator) -> dict[str, object]:
    family = vocabulary()["family"][person.family]
    name = f"{_latin(_given(person), rng, 0.8)} {_latin(family, rng, 0.8)}"
    return {
        "name": _typo(name, rng, 0.05),
        "sex": "M" if person.sex == "m" else "F",
        "age": _age(person, rng, 0.3) if rng.random() < 0.85 else "",
        "date_of_death": person.death.strftime("%Y-%m") if rng.random() < 0.5 else person.death.isoformat(),
        "place": _place(person, rng, "la"),
        "status": person.status if rng.random() < 0.8 else "unknown",
    }


def _morgue_record(person: Person, rng: np.random.Generator) -> dict[str, object]:
    vocab = vocabulary()
    unnamed = rng.random() < UNNAMED_IN_MORGUE
    return {
        "name": "" if unnamed else " ".join([
            _arabic(_given(person)["arabic"], rng),
            _arabic(vocab["male"][person.father]["arabic"], rng) if rng.random() < 0.5 else "",
            _arabic(vocab["family"][person.family]["arabic"], rng),
        ]).replace("  ", " "),
        "sex": "ذكر" if person.sex == "m" else "أنثى",
        "age": _age(person, rng, 0.5),
        "date_of_death": person.death.isoformat(),
        "place": _place(person, rng, "ar"),
    }  # fmt: skip


def _social_record(person: Person, rng: np.random.Generator) -> dict[str, object]:
    vocab = vocabulary()
    given = _latin(_given(person), rng, 0.4)
    nickname = next((n for n in vocab["nicknames"] if n["of"] == _given(person)["arabic"]), None)
    if nickname and rng.random() < 0.25:
        given = nickname["latin"].capitalize()
    family = _latin(vocab["family"][person.family], rng, 0.4) if rng.random() < 0.9 else ""
    shift = timedelta(days=int(rng.integers(-1, 2))) if rng.random() < 0.2 else timedelta(0)
    return {
        "name": _typo(f"{given} {family}".strip(), rng, 0.12),
        "sex": "",
        "age": _age(person, rng, 0.5) if rng.random() < 0.6 else "",
        "date_of_death": (person.death + shift).isoformat(),
        "place": _place(person, rng, "la"),
    }
