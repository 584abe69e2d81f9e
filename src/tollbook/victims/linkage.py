"""Splink's one door: train, save, load and run a linkage model on DuckDB or Spark.

No other Tollbook module imports Splink. A :class:`LinkageModel` follows the estimator
contract: ``fit(features)`` trains (u by seeded random sampling, the prior from strict
deterministic rules, m by EM over blocked pairs) and returns ``self``; the trained model is
``model_`` (Splink's JSON dictionary, DuckDB dialect) and can be saved and loaded, so any
published result can be reproduced. ``predict(features)`` scores the blocked pairs and
returns them as a DataFrame. On Spark the same JSON runs after its SQL function names are
translated (Spark's Jaro–Winkler is the UDF Splink ships in a jar).

Foreign errors (Splink, DuckDB, Py4J) are translated into :class:`~tollbook.errors.TollbookError`
here, at the boundary.
"""

from __future__ import annotations

import copy
import json
import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tollbook.errors import InputError, TollbookError
from tollbook.victims import model_spec

ENGINES = ("duckdb", "spark")
FEATURE_COLUMNS_EXCLUDED = ("name_keys",)
_SPARK_SQL = {"jaro_winkler_similarity(": "jaro_winkler("}


@dataclass(frozen=True)
class TrainingOptions:
    """Choices of a training run; recorded in the saved model."""

    seed: int = 20260101
    u_max_pairs: float = 2e6
    em_max_pairs: float = 3e5
    em_sessions: int = 3
    recall: float = 0.8
    pair_budget: int = 0  # 0: max(4,000,000, 10 × records) pairs per blocking rule (see fit)
    training_records: int = 100_000  # train on a seeded sample of this many records at most


class LinkageModel:
    """A probabilistic (Fellegi–Sunter) record-linkage model over the comparison table.

    The match weight of a pair is ``log2(λ/(1−λ)) + Σ_c log2(m_c/u_c)`` over its comparison
    levels, where ``m`` is the share of true matches and ``u`` of non-matches at that level
    and λ the prior probability that two random records match. Pairs are generated only by
    the blocking rules (see :mod:`tollbook.victims.model_spec`).
    """

    def __init__(
        self, engine: str = "duckdb", options: TrainingOptions | None = None, model: dict[str, Any] | None = None
    ) -> None:
        if engine not in ENGINES:
            raise InputError(f"unknown engine {engine!r}", hint=f"choose one of {', '.join(ENGINES)}")
        self.engine = engine
        self.options = options or TrainingOptions()
        self.model_: dict[str, Any] | None = model

    def fit(self, features: pd.DataFrame, labels: pd.DataFrame | None = None) -> LinkageModel:
        """Train on ``features``; ``labels`` (unique_id_l, unique_id_r, clerical_match_score) refine m.

        The blocking rules are fitted to all of ``features`` (their pair counts grow with the
        data); m, u and λ are learned on a seeded sample of at most ``training_records``
        records (see :func:`training_sample`), which a million-record list does not need more of.

        Each prediction rule may generate max(4,000,000, 10 × records) pairs before it is
        narrowed: scoring costs about a second per million pairs on two cores, and on a
        million generated records 20 × records scored 98 million pairs in 171 s where
        10 × scored 26 million in 49 s, for the same persons (bench/linkage.py --scale).
        """
        budget = self.options.pair_budget or max(4_000_000, 10 * len(features))
        rules = model_spec.blocking_rules(features, budget)
        if not rules:
            raise InputError("no usable field to compare records on", hint="map at least a name or a date column")
        settings = model_spec.settings(features, rules)
        sample = training_sample(features, self.options, labels)
        with _session(self.engine) as db_api:
            linker = _linker(db_api, sample, settings, self.engine)
            _train(linker, sample, rules, self.options)
            if labels is not None and len(labels):
                _train_from_labels(db_api, linker, labels)
            self.model_ = model_spec.regularise(_to_duckdb(linker.misc.save_model_to_json()))
        self._calibrate_prior(sample)
        return self

    def _calibrate_prior(self, features: pd.DataFrame, rounds: int = 2) -> None:
        """Re-estimate λ as the expected number of matches among all pairs (EM on λ alone).

        The first λ comes from strict deterministic rules and an assumed recall, which is
        too high where relatives share names and too low where records are noisy. With m
        and u fixed, λ' = Σ P(match | pair) / (n(n−1)/2) over the blocked pairs (pairs no
        rule generates contribute almost nothing); a few rounds reach the fixed point. Only λ
        changes, so one scoring of the pairs serves every round: a pair's match weight moves
        by the change in log2 prior odds. On a uniform sample of records λ is unbiased for the
        whole list (matching pairs and all pairs both shrink by the square of the sampling rate).
        """
        if self.model_ is None:
            return
        total = len(features) * (len(features) - 1) / 2
        scored = self.predict(features, threshold=0.001)["match_weight"].to_numpy(dtype=float)
        first = float(self.model_["probability_two_random_records_match"])
        prior = first
        for _ in range(rounds):
            shift = _log2_odds(prior) - _log2_odds(first)
            expected = float((1.0 / (1.0 + np.exp2(-(scored + shift)))).sum())
            previous, prior = prior, (min(max(expected / total, 1e-9), 0.5) if total else 0.5)
            if abs(prior - previous) <= 0.05 * previous:
                break
        self.model_["probability_two_random_records_match"] = prior

    def predict(self, features: pd.DataFrame, threshold: float = 0.0) -> pd.DataFrame:
        """Scored pairs ``unique_id_l, unique_id_r, match_weight, match_probability`` above ``threshold``."""
        if self.model_ is None:
            raise TollbookError("the linkage model is not trained", hint="call fit() or load a saved model")
        with _session(self.engine) as db_api:
            linker = _linker(db_api, features, self.model_, self.engine)
            try:
                scored = linker.inference.predict(threshold_match_probability=threshold or None)
                frame = scored.as_pandas_dataframe()
            except Exception as error:  # Splink/engine errors surface here as many types
                raise TollbookError(f"linkage failed on the {self.engine} engine: {error}") from error
        columns = ["unique_id_l", "unique_id_r", "match_weight", "match_probability"]
        return frame[columns].astype({"unique_id_l": "int64", "unique_id_r": "int64"})

    def save(self, path: Path) -> None:
        """Write the trained model (Splink JSON) so a later run reproduces these scores."""
        if self.model_ is None:
            raise TollbookError("nothing to save: the model is not trained")
        path.write_text(json.dumps(self.model_, indent=1, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path, engine: str = "duckdb") -> LinkageModel:
        """A model saved by :meth:`save` (or any Splink 4/5 model JSON over these features)."""
        try:
            model = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise InputError(f"cannot read the model: {error}", path=str(path)) from error
        return cls(engine, model=model)


def training_sample(features: pd.DataFrame, options: TrainingOptions, labels: pd.DataFrame | None) -> pd.DataFrame:
    """A seeded uniform sample of ``options.training_records`` records plus every labelled one.

    Uniform over records, so duplicates keep their share; labelled records are added so
    that every reviewed pair can train m.
    """
    if len(features) <= options.training_records:
        return features
    rng = np.random.default_rng(options.seed)
    chosen = np.zeros(len(features), dtype=bool)
    chosen[rng.choice(len(features), size=options.training_records, replace=False)] = True
    if labels is not None and len(labels):
        wanted = pd.concat([labels["unique_id_l"], labels["unique_id_r"]]).to_numpy()
        chosen |= features["unique_id"].isin(wanted).to_numpy()
    return features[chosen].reset_index(drop=True)


def _log2_odds(probability: float) -> float:
    return float(np.log2(probability / (1.0 - probability)))


def _train(linker: Any, features: pd.DataFrame, rules: list[model_spec.Rule], options: TrainingOptions) -> None:
    """u by sampling, λ from strict rules, then EM sessions until every comparison is trained.

    A session that fails numerically (an m-probability underflowing to zero) is skipped;
    the next rule trains those comparisons instead.
    """
    training = linker.training
    training.estimate_u_using_random_sampling(max_pairs=options.u_max_pairs, seed=options.seed)
    training.estimate_probability_two_random_records_match(model_spec.deterministic_rules(rules), recall=options.recall)
    comparisons = linker.misc.save_model_to_json()["comparisons"]
    untrained = {c["output_column_name"]: json.dumps(c) for c in comparisons}
    for rule in model_spec.em_rules(features, rules)[: options.em_sessions + 3]:
        trainable = {name for name, text in untrained.items() if not any(f"{c}_l" in text for c in rule.uses())}
        if not trainable:
            continue
        saved = linker._settings_obj.core_model_settings.copy()
        try:
            training.estimate_parameters_using_expectation_maximisation(
                rule.sql(), max_pairs=options.em_max_pairs, estimate_without_term_frequencies=True
            )
        except ValueError as error:  # Splink refuses a session whose estimates underflow to 0
            # A failed session leaves the linker without the comparisons it set aside: restore them.
            linker._settings_obj.core_model_settings = saved
            logging.getLogger(__name__).info(
                "EM session blocked on %s skipped (the next rule trains its comparisons): %s", rule.sql(), error
            )
            continue
        untrained = {name: text for name, text in untrained.items() if name not in trainable}
        if not untrained:
            break


def _train_from_labels(db_api: Any, linker: Any, labels: pd.DataFrame) -> None:
    """Re-estimate m from reviewed pairs (decisions are labels: 1 match, 0 non-match)."""
    table = labels.assign(source_dataset_l="records", source_dataset_r="records")
    registered = db_api.register(table)
    linker.training.estimate_m_from_pairwise_labels(registered.physical_name)


def _linker(db_api: Any, features: pd.DataFrame, settings: dict[str, Any], engine: str) -> Any:
    from splink import Linker

    table = features.drop(columns=[c for c in FEATURE_COLUMNS_EXCLUDED if c in features.columns])
    sdf = db_api.register(table, dataset_display_name="records")
    dialect_settings = _to_spark(settings) if engine == "spark" else copy.deepcopy(settings)
    logging.getLogger("splink").setLevel(logging.ERROR)
    return Linker(sdf, dialect_settings, log_level=None)


def _to_spark(settings: dict[str, Any]) -> dict[str, Any]:
    text = json.dumps(settings)
    for duck, spark in _SPARK_SQL.items():
        text = text.replace(duck, spark)
    model = json.loads(text)
    model["sql_dialect"] = "spark"
    return model


def _to_duckdb(settings: dict[str, Any]) -> dict[str, Any]:
    text = json.dumps(settings)
    for duck, spark in _SPARK_SQL.items():
        text = text.replace(spark, duck)
    model = json.loads(text)
    model["sql_dialect"] = "duckdb"
    return model


@contextmanager
def _session(engine: str) -> Iterator[Any]:
    if engine == "spark":
        yield _spark_api()
        return
    import duckdb
    from splink import DuckDBAPI

    connection = duckdb.connect(":memory:")
    try:
        yield DuckDBAPI(connection)
    finally:
        connection.close()


_SPARK: dict[str, Any] = {}


def _spark_api() -> Any:
    """A local Spark session (started once per process) with Splink's similarity UDF jar."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:
        raise TollbookError("--engine spark needs pyspark", hint="install Tollbook with the 'spark' extra") from error
    from splink import SparkAPI
    from splink.backends.spark import similarity_jar_location

    if "session" not in _SPARK:
        checkpoints = tempfile.mkdtemp(prefix="tollbook-spark-")
        session = (
            SparkSession.builder.master("local[2]")
            .appName("tollbook-linkage")
            .config("spark.jars", similarity_jar_location())
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.default.parallelism", "4")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", "2g")
            .getOrCreate()
        )
        session.sparkContext.setCheckpointDir(checkpoints)
        session.sparkContext.setLogLevel("ERROR")
        _SPARK["session"] = session
    return SparkAPI(spark_session=_SPARK["session"], num_partitions_on_repartition=4)


def stop_spark() -> None:
    """Stop the local Spark session if one was started (tests call this at teardown)."""
    session = _SPARK.pop("session", None)
    if session is not None:
        session.stop()
