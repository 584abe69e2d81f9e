"""Log-linear estimator: truth on simulated populations, Rcapture's HIV Rome figures, MLE checks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tollbook.errors import EstimationError, InputError
from tollbook.estimation.histories import CaptureTable, read_capture_csv
from tollbook.estimation.loglinear import LogLinearEstimator
from tollbook.estimation.simulate import simulate

# lists A and C never overlap: any model with an A:C term has no MLE
NO_OVERLAP = CaptureTable.build(
    ["A", "B", "C"], [[1, 1, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 1]], [8, 40, 30, 20, 5]
)


def test_contract_fit_returns_self_and_fills_results() -> None:
    table = simulate(2000, 3, "independent", np.random.default_rng(1))
    estimator = LogLinearEstimator()
    assert estimator.fit(table) is estimator
    low, high = estimator.interval_
    assert table.observed < low < estimator.estimate_ < high
    assert isinstance(estimator.summary, pd.DataFrame)
    assert estimator.summary.loc[0, "model"] == estimator.chosen_.name
    assert estimator.level == 0.95
    assert "Poisson" in (LogLinearEstimator.__doc__ or "")


def test_independent_lists_recover_the_truth() -> None:
    rng = np.random.default_rng(0)
    covered, errors = 0, []
    for _ in range(30):
        fit = LogLinearEstimator(model="independence").fit(simulate(2000, 4, "independent", rng))
        covered += fit.interval_[0] < 2000 < fit.interval_[1]
        errors.append(fit.estimate_ / 2000 - 1)
    assert covered >= 25
    assert abs(np.mean(errors)) < 0.02


def test_bic_selects_independence_for_independent_lists() -> None:
    table = simulate(3000, 4, "independent", np.random.default_rng(1))
    assert LogLinearEstimator(selection="bic").fit(table).chosen_.name == "independence"


def test_dependence_is_picked_up_by_an_interaction() -> None:
    table = simulate(4000, 3, "dependent", np.random.default_rng(7))
    fit = LogLinearEstimator().fit(table)
    assert "L1:L2" in fit.chosen_.name
    independence = LogLinearEstimator(model="independence").fit(table)
    assert abs(fit.estimate_ - 4000) < abs(independence.estimate_ - 4000)


def test_models_without_mle_are_skipped_with_a_warning() -> None:
    fit = LogLinearEstimator().fit(NO_OVERLAP)
    assert "A:C" not in fit.chosen_.name
    assert any("skipped" in w for w in fit.warnings_)
    assert (fit.summary["problem"] != "").sum() >= 4


def test_forcing_a_model_without_mle_is_an_error() -> None:
    with pytest.raises(EstimationError, match="does not exist"):
        LogLinearEstimator(model="A:C").fit(NO_OVERLAP)


def test_bad_model_and_options_are_refused() -> None:
    with pytest.raises(InputError, match="not a two-way"):
        LogLinearEstimator(model="A:Z").fit(NO_OVERLAP)
    with pytest.raises(InputError):
        LogLinearEstimator(selection="cp")
    with pytest.raises(InputError):
        LogLinearEstimator(level=95)


def test_bootstrap_is_seeded_and_brackets_the_estimate() -> None:
    table = simulate(1500, 3, "independent", np.random.default_rng(3))
    one = LogLinearEstimator(bootstrap=60, seed=5).fit(table)
    two = LogLinearEstimator(bootstrap=60, seed=5).fit(table)
    assert np.array_equal(one.draws_, two.draws_)
    assert one.interval_[0] < one.estimate_ < one.interval_[1]


def test_result_record_is_complete() -> None:
    table = simulate(1500, 3, "independent", np.random.default_rng(4))
    record = LogLinearEstimator().fit(table).result().to_dict()
    for key in ("method", "observed", "estimate", "interval", "level", "data_hash", "versions", "parameters"):
        assert key in record
    assert record["data_hash"] == table.digest()


def test_hiv_rome_reference(shared_data: Path) -> None:
    """Rcapture closedpCI.t, model c1:c2: N = 12,318, profile interval 10,266 - 14,992."""
    table = read_capture_csv(shared_data / "mse" / "hiv_rome_4lists.csv")
    fit = LogLinearEstimator(model="c1:c2").fit(table)
    assert fit.estimate_ == pytest.approx(12318, abs=1)
    assert fit.interval_[0] == pytest.approx(10266, abs=2)
    assert fit.interval_[1] == pytest.approx(14992, abs=2)


def test_artificial_table_without_mles(shared_data: Path) -> None:
    table = read_capture_csv(shared_data / "mse" / "artificial_nonexistent_mle_3lists.csv")
    fit = LogLinearEstimator().fit(table)
    assert fit.chosen_.name == "independence"
    assert any("skipped" in w for w in fit.warnings_)
    with pytest.raises(EstimationError):
        LogLinearEstimator(model="B:C").fit(table)
