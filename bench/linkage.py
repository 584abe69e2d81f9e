"""Linkage benchmark: FEBRL 3/4, Splink's fake_1000 and the synthetic Syrian lists, scored against truth.

Every data set goes through the same library call as ``tollbook dedupe`` (columns found by
their names, ground truth dropped before linkage, one model trained per data set) and is
scored the way ``../shared/data/linkage/README.md`` asks: pairwise P/R/F1 of the scored
pairs at the threshold (true pairs no blocking rule generated count as misses), and the
P/R/F1 of the pairs the clusters imply, with persons found against true persons.

The "via CLI" rows are the held-out-like check: the file is written to disk with its
columns renamed, and ``tollbook dedupe INPUT --out OUTPUT --map FIELD=COLUMN ...`` runs at
its default threshold exactly as an independent check would (extras such as e-mail or
postcode left unmapped or mapped by a name we do not know); only the output CSV is scored.

``--quick`` runs the small data sets and the two smaller generated worlds.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from bench.results import publish, shared_data
from tollbook.victims.dedupe import DEFAULT_THRESHOLD, dedupe
from tollbook.victims.fields import map_columns
from tollbook.victims.generator import generate
from tollbook.victims.scoring import cluster_scores, pairwise_scores

SYNTHETIC_SIZES = (1_000, 5_000, 20_000)
QUICK_SIZES = (1_000, 5_000)
SEED = 2026


def _read(*parts: str) -> pd.DataFrame:
    return pd.read_csv(shared_data("linkage", *parts), dtype=str, keep_default_na=False)


def febrl3() -> pd.DataFrame:
    """FEBRL3: 5,000 records of 2,000 people, one file (dedupe)."""
    return _read("febrl", "febrl3.csv")


def febrl4() -> pd.DataFrame:
    """FEBRL4: two files of 5,000 records, each person once in each (link); ``list`` says which."""
    left = _read("febrl", "febrl4a.csv").assign(list="a")
    right = _read("febrl", "febrl4b.csv").assign(list="b")
    return pd.concat([left, right], ignore_index=True)


def fake_1000() -> pd.DataFrame:
    """Splink's tutorial data: 1,000 records of 250 people."""
    return _read("splink_fake_1000", "fake_1000.csv")


def synthetic(persons: int) -> Callable[[], pd.DataFrame]:
    """Generated Syrian lists of ``persons`` people (seeded)."""
    return lambda: generate(persons, SEED).fillna("").astype(str)


# Held-out-like runs: renamed columns and the --map options that name them.
FEBRL3_CLI = (
    {"unique_id": "RecID", "given_name": "Forename", "surname": "Last Name", "date_of_birth": "Born",
     "suburb": "Suburb Name", "postcode": "PC", "soc_sec_id": "SSN", "address_1": "Addr1", "state": "St"},
    ["given_name=Forename", "family_name=Last Name", "birth_date=Born", "record_id=RecID", "place=Suburb Name"],
)  # fmt: skip
FAKE_CLI = (
    {"unique_id": "ID", "first_name": "First", "surname": "Family", "dob": "Date of birth", "city": "Home town",
     "email": "E-mail address"},
    ["first_name=First", "surname=Family", "dob=Date of birth", "record_id=ID", "city=Home town",
     "email=E-mail address"],
)  # fmt: skip


# Harder variants: without the near-keys (FEBRL's soc_sec_id and address, fake_1000's e-mail).
FEBRL3_SPARSE_CLI = ({k: v for k, v in FEBRL3_CLI[0].items() if k not in ("soc_sec_id", "postcode", "address_1")},
                     FEBRL3_CLI[1])  # fmt: skip
FAKE_NO_EMAIL_CLI = ({k: v for k, v in FAKE_CLI[0].items() if k != "email"}, FAKE_CLI[1][:-1])


def febrl3_sparse() -> pd.DataFrame:
    """FEBRL3 with only names, date of birth, suburb and state: no id number, no address."""
    return febrl3()[["unique_id", "true_id", "given_name", "surname", "date_of_birth", "suburb", "state"]]


def fake_1000_no_email() -> pd.DataFrame:
    """fake_1000 without its e-mail column: names, date of birth and city only."""
    return fake_1000().drop(columns=["email"])


def run_cli(name: str, load: Callable[[], pd.DataFrame], renames: dict[str, str], maps: list[str]) -> dict[str, Any]:
    """Write the data renamed, run ``tollbook dedupe`` with ``--map`` options, score its output."""
    from typer.testing import CliRunner

    from tollbook.cli.main import app

    frame = load()
    renamed = frame.drop(columns=["true_id"]).rename(columns=renames)  # unrenamed columns: unmapped extras
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "input.csv", Path(folder) / "output.csv"
        renamed.to_csv(source, index=False)
        arguments = ["dedupe", str(source), "--out", str(out)] + [a for m in maps for a in ("--map", m)]
        start = time.perf_counter()
        result = CliRunner().invoke(app, arguments)
        seconds = time.perf_counter() - start
        if result.exit_code != 0:
            raise RuntimeError(f"tollbook dedupe failed on {name}: {result.output}")
        written = pd.read_csv(out, dtype=str, keep_default_na=False)
    truth = frame.set_index(frame["unique_id"].astype(str))["true_id"].loc[written["record_id"]].to_numpy()
    clusters = cluster_scores(truth, written["person_id"].to_numpy())
    true_persons = len(np.unique(truth))
    persons = int(written["person_id"].nunique())
    return {
        "data": name, "records": len(written), "pair P": None, "pair R": None, "pair F1": None,
        "cluster P": round(clusters.precision, 4), "cluster R": round(clusters.recall, 4),
        "cluster F1": round(clusters.f1, 4), "persons": persons, "true persons": true_persons,
        "persons Δ%": round(100 * (persons - true_persons) / true_persons, 2), "seconds": round(seconds, 1),
    }  # fmt: skip


def run(name: str, load: Callable[[], pd.DataFrame], threshold: float = DEFAULT_THRESHOLD) -> dict[str, Any]:
    """Link one data set and score it against ``true_id``."""
    frame = load()
    truth = frame["true_id"].to_numpy()
    start = time.perf_counter()
    result = dedupe(frame, map_columns(list(frame.columns)), threshold=threshold)
    seconds = time.perf_counter() - start
    pairs = pairwise_scores(truth, result.pairs.loc[~result.pairs["vetoed"]], threshold)
    clusters = cluster_scores(truth, result.records["person_id"].to_numpy())
    true_persons = len(np.unique(truth))
    return {
        "data": name,
        "records": len(frame),
        "pair P": round(pairs.precision, 4),
        "pair R": round(pairs.recall, 4),
        "pair F1": round(pairs.f1, 4),
        "cluster P": round(clusters.precision, 4),
        "cluster R": round(clusters.recall, 4),
        "cluster F1": round(clusters.f1, 4),
        "persons": result.persons,
        "true persons": true_persons,
        "persons Δ%": round(100 * (result.persons - true_persons) / true_persons, 2),
        "seconds": round(seconds, 1),
    }


def main(argv: list[str]) -> int:
    """Run every data set, print the table and save ``bench/results/linkage.json``."""
    quick = "--quick" in argv
    sets: list[tuple[str, Callable[[], pd.DataFrame]]] = [
        ("febrl3 (dedupe)", febrl3),
        ("febrl4 (link a↔b)", febrl4),
        ("fake_1000", fake_1000),
    ]
    sets += [(f"synthetic {n:,} persons", synthetic(n)) for n in (QUICK_SIZES if quick else SYNTHETIC_SIZES)]
    rows = [run(name, load) for name, load in sets]
    rows += [
        run_cli("febrl3 via CLI (--map)", febrl3, *FEBRL3_CLI),
        run_cli("febrl3 via CLI, names/dob/place only", febrl3_sparse, *FEBRL3_SPARSE_CLI),
        run_cli("fake_1000 via CLI (--map)", fake_1000, *FAKE_CLI),
        run_cli("fake_1000 via CLI, no e-mail", fake_1000_no_email, *FAKE_NO_EMAIL_CLI),
    ]
    extra = {
        "threshold": DEFAULT_THRESHOLD,
        "engine": "duckdb",
        "seed": SEED,
        "versions": {p: version(p) for p in ("splink", "duckdb", "pandas")},
    }
    publish("linkage", f"Record linkage (threshold {DEFAULT_THRESHOLD}, DuckDB, 2 cores)", rows, extra)
    return 0
