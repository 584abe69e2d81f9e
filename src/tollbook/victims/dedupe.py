"""Deduplicate and link the records of one table into persons, without a casebook.

This is the library behind ``tollbook dedupe``: read, map columns, build features, train
(or load) the model, score pairs, cluster at the threshold and return one row per input
record with its ``person_id``. The ``list`` column, when present, only labels where a record
comes from; pairs within a list and across lists are both considered.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from tollbook.errors import InputError
from tollbook.victims.features import build_features
from tollbook.victims.fields import ColumnMap, map_columns
from tollbook.victims.linkage import LinkageModel, TrainingOptions
from tollbook.victims.listfile import read_table
from tollbook.victims.persons import Pair, cluster
from tollbook.victims.veto import vetoed

DEFAULT_THRESHOLD = 0.9
_NO_PAIRS = pd.DataFrame({
    "unique_id_l": pd.Series(dtype="int64"), "unique_id_r": pd.Series(dtype="int64"),
    "match_weight": pd.Series(dtype=float), "match_probability": pd.Series(dtype=float),
    "vetoed": pd.Series(dtype=bool),
})  # fmt: skip


@dataclass
class DedupeResult:
    """Persons found: ``records`` (one row per input record), the scored ``pairs`` and timings."""

    records: pd.DataFrame
    pairs: pd.DataFrame
    model: LinkageModel
    columns: ColumnMap
    threshold: float
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def persons(self) -> int:
        """Number of distinct persons."""
        return int(self.records["person_id"].nunique())


def dedupe_file(
    path: Path,
    mapping: dict[str, str] | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    engine: str = "duckdb",
    model_path: Path | None = None,
    options: TrainingOptions | None = None,
) -> DedupeResult:
    """Read ``path`` (CSV/XLSX) and run :func:`dedupe` on it."""
    raw = read_table(path)
    columns = map_columns(list(raw.columns), mapping, path=str(path))
    model = LinkageModel.load(model_path, engine) if model_path else None
    return dedupe(raw, columns, threshold=threshold, engine=engine, model=model, options=options)


def dedupe(
    raw: pd.DataFrame,
    columns: ColumnMap,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    engine: str = "duckdb",
    model: LinkageModel | None = None,
    options: TrainingOptions | None = None,
    forced: Iterable[Pair] = (),
    cut: Iterable[Pair] = (),
) -> DedupeResult:
    """Persons in ``raw``: features → (train) → predict → cluster at ``threshold``."""
    if not 0 < threshold < 1:
        raise InputError(f"--threshold {threshold} must be between 0 and 1", hint="e.g. --threshold 0.9")
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    features = build_features(raw, columns)
    if len(features) < 2:  # nothing to link: each record is its own person
        alone = _records(raw, columns, features, np.arange(len(features)))
        return DedupeResult(alone, _NO_PAIRS.copy(), model or LinkageModel(engine, options), columns, threshold)
    seconds["features"] = time.perf_counter() - start
    if model is None:
        model = LinkageModel(engine, options).fit(features)
        seconds["train"] = time.perf_counter() - start - sum(seconds.values())
    else:
        model = LinkageModel(engine, model.options, model.model_)
    pairs = model.predict(features, threshold=min(threshold, 0.05))
    seconds["predict"] = time.perf_counter() - start - sum(seconds.values())
    pairs["vetoed"] = vetoed(pairs, features, model.model_)
    persons = cluster(len(features), pairs, threshold, forced, cut)
    records = _records(raw, columns, features, persons)
    seconds["cluster"] = time.perf_counter() - start - sum(seconds.values())
    return DedupeResult(records, pairs, model, columns, threshold, seconds)


def _records(raw: pd.DataFrame, columns: ColumnMap, features: pd.DataFrame, persons: np.ndarray) -> pd.DataFrame:
    id_column = columns.column("record_id")
    record_ids = raw[id_column].astype(str).to_numpy() if id_column else np.arange(1, len(raw) + 1).astype(str)
    sizes = np.bincount(persons)
    return pd.DataFrame({
        "record_id": record_ids,
        "person_id": np.asarray([f"P{number:06d}" for number in persons.tolist()], dtype=object),
        "cluster_size": sizes[persons],
        "list": features["list"].to_numpy(),
        "label": _labels(raw, columns),
    })  # fmt: skip


def _labels(raw: pd.DataFrame, columns: ColumnMap) -> np.ndarray:
    """A display name per record: the full name as written, else its parts joined."""

    def text(field: str) -> pd.Series:
        column = columns.column(field)
        return raw[column].astype(str).str.strip() if column else pd.Series("", index=raw.index)

    parts = text("given_name") + " " + text("father_name") + " " + text("family_name")
    full = text("name")
    return full.where(full != "", parts.str.split().str.join(" ")).to_numpy(dtype=object)


def write_output(result: DedupeResult, path: Path) -> None:
    """CSV with ``record_id,person_id,cluster_size,list`` for every input record."""
    try:
        result.records[["record_id", "person_id", "cluster_size", "list"]].to_csv(path, index=False)
    except OSError as error:
        raise InputError(f"cannot write the output: {error}", path=str(path)) from error
