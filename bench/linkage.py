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
FEBRL1 and FEBRL2 run only this way and were never looked at while the model was built: they
are the closest we have to the independent check on person data never seen.

``--quick`` runs the small data sets and the two smaller generated worlds.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
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
from tollbook.victims.features import build_features
from tollbook.victims.fields import map_columns
from tollbook.victims.generator import generate
from tollbook.victims.linkage import LinkageModel
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


def febrl1() -> pd.DataFrame:
    """FEBRL1: 1,000 records of 500 people, one duplicate each (dedupe); not used in development."""
    return _read("febrl", "febrl1.csv")


def febrl2() -> pd.DataFrame:
    """FEBRL2: 5,000 records of 4,000 people (dedupe); not used in development."""
    return _read("febrl", "febrl2.csv")


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


def sparse(load: Callable[[], pd.DataFrame]) -> Callable[[], pd.DataFrame]:
    """A FEBRL file with only names, date of birth, suburb and state: no id number, no address."""
    return lambda: load()[["unique_id", "true_id", "given_name", "surname", "date_of_birth", "suburb", "state"]]


febrl3_sparse = sparse(febrl3)


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
    if sizes := scale_sizes(argv):
        return main_scale(sizes)
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
        run_cli("febrl1 via CLI (unseen)", febrl1, *FEBRL3_CLI),
        run_cli("febrl1 via CLI, names/dob/place only (unseen)", sparse(febrl1), *FEBRL3_SPARSE_CLI),
        run_cli("febrl2 via CLI (unseen)", febrl2, *FEBRL3_CLI),
        run_cli("febrl2 via CLI, names/dob/place only (unseen)", sparse(febrl2), *FEBRL3_SPARSE_CLI),
    ]
    extra = {
        "threshold": DEFAULT_THRESHOLD,
        "engine": "duckdb",
        "seed": SEED,
        "versions": {p: version(p) for p in ("splink", "duckdb", "pandas")},
    }
    publish("linkage", f"Record linkage (threshold {DEFAULT_THRESHOLD}, DuckDB, 2 cores)", rows, extra)
    return 0


# --- Scale: Tollbook's dedupe path against a bare Splink run of the same model -------------------

RECORDS_PER_PERSON = 1.7  # the generator's records per person is about 1.77; we over-generate, then sample


def scale_sizes(argv: list[str]) -> list[int]:
    """Record counts from ``--scale=N[,N...]`` (empty when the option is absent).

    ``python -m bench`` takes every argument without a leading dash for a benchmark name,
    so through it the counts must be joined to the option: ``--scale=100000,300000``.
    """
    given = [a.split("=", 1)[1] for a in argv if a.startswith("--scale=")]
    if "--scale" in argv and argv.index("--scale") + 1 < len(argv):
        given.append(argv[argv.index("--scale") + 1])
    elif "--scale" in argv:
        raise SystemExit("--scale needs record counts, e.g. --scale=100000,300000,1000000")
    return [int(n.replace("_", "")) for text in given for n in text.split(",") if n]


def scale_records(records: int) -> pd.DataFrame:
    """Exactly ``records`` generated records (seeded): more persons than needed, then a seeded sample.

    Sampling rows (not truncating) keeps every list and its share; truth stays valid because
    ``true_id`` travels with each record.
    """
    frame = generate(int(records / RECORDS_PER_PERSON) + 1, SEED)
    if len(frame) < records:
        raise SystemExit(f"the generator gave {len(frame)} records, fewer than {records}")
    return frame.sample(n=records, random_state=SEED).sort_index().reset_index(drop=True).fillna("").astype(str)


def bare_splink(features: pd.DataFrame, model: dict[str, Any], threshold: float) -> np.ndarray:
    """Splink alone on the prepared features: Linker → predict → cluster_pairwise_predictions_at_threshold.

    Same model JSON, same predict threshold as Tollbook (``min(threshold, 0.05)``), clusters at
    ``threshold``; the cluster table is fetched to pandas, as Tollbook fetches its pairs.
    Returns the cluster id of each record, in ``unique_id`` order.
    """
    import duckdb
    from splink import DuckDBAPI, Linker

    table = features.drop(columns=[c for c in ("name_keys",) if c in features.columns])
    connection = duckdb.connect(":memory:")
    try:
        sdf = DuckDBAPI(connection).register(table, dataset_display_name="records")
        linker = Linker(sdf, model, log_level=None)
        predictions = linker.inference.predict(threshold_match_probability=min(threshold, 0.05))
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold)
        frame = clusters.as_pandas_dataframe()[["unique_id", "cluster_id"]]
    finally:
        connection.close()
    return frame.sort_values("unique_id")["cluster_id"].to_numpy()


def _peak_mib() -> float:
    """Peak resident memory of this process so far (Linux ru_maxrss is in KiB)."""
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0)


def run_scale(records: int, threshold: float = DEFAULT_THRESHOLD) -> dict[str, Any]:
    """One size: the user's command end to end, then Tollbook's dedupe path against bare Splink.

    First ``tollbook dedupe IN.csv --out OUT.csv --save-model M.json`` runs in its own process
    exactly as a user would (read, features, blocking, training on a sample, scoring, clustering,
    writing), timed by wall clock and scored from OUT.csv. Then, with the model that run saved,
    Tollbook's ``dedupe`` (features, predict, veto, clustering) and a bare Splink run on the same
    prepared features are timed in this process: their ratio is Tollbook's own overhead.
    """
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    frame = scale_records(records)
    generate_s = time.perf_counter() - start
    truth = frame["true_id"].to_numpy()
    with tempfile.TemporaryDirectory() as folder:
        source, out, saved = (Path(folder) / name for name in ("input.csv", "output.csv", "model.json"))
        frame.to_csv(source, index=False)
        command_s, command_peak = _run_command(source, out, saved)
        written = pd.read_csv(out, dtype=str, keep_default_na=False)
        model = LinkageModel.load(saved)
    found_by_command = pd.Series(written["person_id"].to_numpy(), index=written["record_id"])
    found_by_command = found_by_command.loc[frame["record_id"].to_numpy()].to_numpy()
    columns = map_columns(list(frame.columns))  # drops true_id as ground truth
    start = time.perf_counter()
    result = dedupe(frame, columns, threshold=threshold, model=model)
    tollbook_s = time.perf_counter() - start
    features = build_features(frame, columns)  # the same prepared data, built again outside the timing
    start = time.perf_counter()
    bare = bare_splink(features, copy.deepcopy(model.model_ or {}), threshold)
    bare_s = time.perf_counter() - start
    true_persons = len(np.unique(truth))
    persons = len(np.unique(found_by_command))
    return {
        "records": records, "true persons": true_persons, "generate s": round(generate_s, 1),
        "command s": round(command_s, 1), "command peak MiB": command_peak,
        "persons": persons, "persons Δ%": round(100 * (persons - true_persons) / true_persons, 2),
        "cluster F1": round(cluster_scores(truth, found_by_command).f1, 4),
        "tollbook s (model given)": round(tollbook_s, 1),
        **{f"tollbook {k} s": round(v, 1) for k, v in result.seconds.items()},
        "bare splink s": round(bare_s, 1), "overhead ×": round(tollbook_s / bare_s, 2),
        "overhead × (features in both)": round(tollbook_s / (bare_s + result.seconds["features"]), 2),
        "bare persons": len(np.unique(bare)), "bare cluster F1": round(cluster_scores(truth, bare).f1, 4),
        "pairs scored": len(result.pairs), "peak MiB (bench process)": _peak_mib(),
        "load before": round(load_before, 2), "load after": round(os.getloadavg()[0], 2),
    }  # fmt: skip


def _run_command(source: Path, out: Path, model: Path) -> tuple[float, float]:
    """Run ``tollbook dedupe`` in a child process: wall seconds and the child's peak memory (MiB)."""
    import resource

    arguments = [sys.executable, "-c", "from tollbook.cli.main import run; run()"]
    arguments += ["dedupe", str(source), "--out", str(out), "--save-model", str(model)]
    start = time.perf_counter()
    finished = subprocess.run(arguments, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if finished.returncode != 0:
        raise RuntimeError(f"tollbook dedupe failed: {finished.stderr[-2000:]}")
    return seconds, round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 0)


def main_scale(sizes: list[int]) -> int:
    """Run each size and publish ``bench/results/linkage-scale.json``, keeping rows of other sizes."""
    import json

    from bench.results import RESULTS

    saved = RESULTS / "linkage-scale.json"
    earlier = json.loads(saved.read_text())["rows"] if saved.exists() else []
    rows = [row for row in earlier if row["records"] not in sizes]
    for records in sizes:
        rows.append(run_scale(records))
        rows.sort(key=lambda row: row["records"])
        publish("linkage-scale", SCALE_TITLE, rows, SCALE_EXTRA | {"versions": _versions()})
    return 0


def _versions() -> dict[str, str]:
    return {p: version(p) for p in ("splink", "duckdb", "pandas")}


SCALE_TITLE = f"Linkage at scale: Tollbook dedupe vs bare Splink (threshold {DEFAULT_THRESHOLD}, DuckDB, 2 cores)"
SCALE_EXTRA: dict[str, Any] = {
    "threshold": DEFAULT_THRESHOLD,
    "seed": SEED,
    "command s": "wall time of `tollbook dedupe IN.csv --out OUT.csv --save-model M.json` in a child process: "
    "read, features, blocking rules, training (on a 100,000-record sample), scoring, veto, clustering, writing",
    "command peak MiB": "ru_maxrss of the child processes so far (the largest size run so far)",
    "persons, cluster F1": "scored from the command's OUT.csv against the generator's truth",
    "tollbook s (model given)": "dedupe(frame, model=the command's saved model): features + predict + veto + "
    "clustering + output frame",
    "bare splink s": "Linker(features, same JSON) + predict + cluster_pairwise_predictions_at_threshold + to pandas",
    "overhead ×": "tollbook s (model given) / bare splink s: preparing the features counts as Tollbook's overhead",
    "overhead × (features in both)": "tollbook s (model given) / (bare splink s + tollbook features s): the model's "
    "comparisons are defined on the prepared columns, so a bare Splink run of it must prepare them too",
    "load": "1-minute load average before and after (other jobs may share the 2 cores)",
}
