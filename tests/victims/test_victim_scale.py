"""What keeps large lists fast: budgeted blocking, training on a sample, name work done once per combination."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from tollbook.victims import model_spec
from tollbook.victims.dedupe import dedupe
from tollbook.victims.features import _text as column_text
from tollbook.victims.features import build_features
from tollbook.victims.fields import map_columns
from tollbook.victims.linkage import LinkageModel, TrainingOptions, training_sample
from tollbook.victims.scoring import cluster_scores
from tollbook.victims.veto import _keys_compared, _per_distinct_pair, _spellings_compared, _text

KEYS = st.sampled_from(["AHMD", "HSN", "MHMD", "ALY"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(KEYS, KEYS, st.sampled_from(["1980", "1990", None])), min_size=0, max_size=25))
def test_crossed_names_pair_count_matches_a_count_by_hand(rows: list[tuple[str, str, str | None]]) -> None:
    features = pd.DataFrame(rows, columns=["given_k", "family_k", "by"], dtype=object)
    rule = model_spec.Rule(("given_k", "family_k", "by"), swap=True)
    by_hand = sum(
        1
        for (_, a), (_, b) in itertools.combinations(features.iterrows(), 2)
        if a.by is not None and a.by == b.by and a.given_k == b.family_k and a.family_k == b.given_k
    )
    assert model_spec.rule_pair_count(features, rule) >= by_hand  # an upper bound, never an undercount
    unequal = features[features["given_k"] != features["family_k"]]
    assert model_spec.rule_pair_count(unequal, rule) == sum(
        1
        for (_, a), (_, b) in itertools.combinations(unequal.iterrows(), 2)
        if a.by is not None and a.by == b.by and a.given_k == b.family_k and a.family_k == b.given_k
    )


def test_the_crossed_names_rule_is_narrowed_to_fit_the_budget() -> None:
    rows = [("AHMD", "HSN", str(1950 + i % 40), "M") for i in range(300)]
    rows += [("HSN", "AHMD", str(1950 + i % 40), "M") for i in range(300)]
    features = pd.DataFrame(rows, columns=["given_k", "family_k", "by", "sex"])
    crossed = next(r for r in model_spec.blocking_rules(features, budget=5_000) if r.swap)
    assert crossed.columns[:2] == model_spec.SWAPPED and "by" in crossed.columns
    assert crossed.sql() == "l.given_k = r.family_k AND l.family_k = r.given_k AND l.by = r.by"
    assert model_spec.rule_pair_count(features, crossed) <= 5_000


def test_training_sample_is_seeded_uniform_and_keeps_labelled_records() -> None:
    features = pd.DataFrame({"unique_id": np.arange(1_000), "given_k": ["A"] * 1_000})
    options = TrainingOptions(training_records=100)
    labels = pd.DataFrame({"unique_id_l": [3, 5], "unique_id_r": [997, 998], "clerical_match_score": [1.0, 1.0]})
    sample = training_sample(features, options, labels)
    assert {3, 5, 997, 998} <= set(sample["unique_id"]) and 100 <= len(sample) <= 104
    assert sample.equals(training_sample(features, options, labels))
    assert training_sample(features, TrainingOptions(training_records=5_000), None) is features


def test_a_model_trained_on_a_sample_links_the_whole_list(small_world: pd.DataFrame) -> None:
    columns = map_columns(list(small_world.columns))
    features = build_features(small_world, columns)
    model = LinkageModel(options=TrainingOptions(training_records=len(features) // 2)).fit(features)
    result = dedupe(small_world, columns, model=model)
    truth = small_world["true_id"].to_numpy()
    assert cluster_scores(truth, result.records["person_id"].to_numpy()).f1 > 0.85
    assert abs(result.persons - len(set(truth))) <= 0.1 * len(set(truth))


def test_name_comparisons_are_the_same_computed_once_per_name_combination(small_world: pd.DataFrame) -> None:
    features = build_features(small_world, map_columns(list(small_world.columns)))
    rng = np.random.default_rng(5)
    left = features.iloc[rng.integers(0, len(features), 3_000)]
    right = features.iloc[rng.integers(0, len(features), 3_000)]
    for column, compare in (("given_n", _spellings_compared), ("given_k", _keys_compared)):
        values_l, values_r = _text(left[column]), _text(right[column])
        once = _per_distinct_pair(compare, values_l, values_r)  # type: ignore[arg-type]
        for spread, direct in zip(once, compare(values_l, values_r), strict=True):
            assert np.array_equal(spread, direct)


def test_prediction_rules_together_fit_the_total_budget(small_world: pd.DataFrame) -> None:
    features = build_features(small_world, map_columns(list(small_world.columns)))
    generous = model_spec.blocking_rules(features, budget=10_000)
    capped = model_spec.blocking_rules(features, budget=10_000, total=400)
    wide = set(model_spec.wide_rules(features))
    spent = sum(model_spec.rule_pair_count(features, r) for r in capped if r not in wide)
    assert spent <= 400 < sum(model_spec.rule_pair_count(features, r) for r in generous if r not in wide)


CELLS = st.one_of(
    st.none(),
    st.just(float("nan")),
    st.text(alphabet=st.sampled_from(" \t\nabcAlي محمد-'0123456789\u00a0"), max_size=12),
    st.integers(-5, 3000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(CELLS, max_size=30))
def test_cells_are_trimmed_once_per_value_as_pandas_would(cells: list[object]) -> None:
    raw = pd.DataFrame({"c": pd.Series(cells, dtype=object)})
    expected = raw["c"].astype("string").str.strip()
    expected = expected.where(expected.notna() & (expected != ""), None).astype(object)
    assert column_text(raw, "c").tolist() == [None if value is pd.NA else value for value in expected]
