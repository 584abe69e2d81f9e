"""Model averaging over decomposable graphs: graph enumeration, truth, Madigan & York's figures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tollbook.errors import EstimationError, InputError
from tollbook.estimation.dga import DGAEstimator
from tollbook.estimation.graphs import decomposable_graphs
from tollbook.estimation.histories import CaptureTable, read_capture_csv
from tollbook.estimation.simulate import simulate


@pytest.mark.parametrize(("k", "count"), [(2, 2), (3, 8), (4, 61), (5, 822)])
def test_number_of_decomposable_graphs(k: int, count: int) -> None:
    assert len(decomposable_graphs(k)) == count


def test_four_cycle_is_not_decomposable() -> None:
    cycle = ((0, 1), (1, 2), (2, 3), (0, 3))
    assert all(set(g.edges) != set(cycle) for g in decomposable_graphs(4))


def test_contract_and_posteriors_sum_to_one() -> None:
    table = simulate(1500, 3, "independent", np.random.default_rng(2))
    estimator = DGAEstimator()
    assert estimator.fit(table) is estimator
    assert estimator.model_weights_.sum() == pytest.approx(1)
    assert estimator.posterior_.sum() == pytest.approx(1)
    assert estimator.interval_[0] <= estimator.estimate_ <= estimator.interval_[1]
    assert estimator.summary["posterior"].is_monotonic_decreasing
    assert estimator.delta_ == 2**-3


@pytest.mark.parametrize("regime", ["independent", "dependent"])
def test_truth_is_inside_the_interval(regime: str) -> None:
    table = simulate(3000, 4, regime, np.random.default_rng(11))
    fit = DGAEstimator().fit(table)
    assert fit.interval_[0] < 3000 < fit.interval_[1]


def test_same_seed_same_draws() -> None:
    table = simulate(800, 3, "independent", np.random.default_rng(5))
    assert np.array_equal(DGAEstimator(seed=3).fit(table).draws_, DGAEstimator(seed=3).fit(table).draws_)


def test_limits_and_options() -> None:
    six = CaptureTable.build([f"L{i}" for i in range(6)], np.eye(6, dtype=int), [5] * 6)
    with pytest.raises(EstimationError, match="3 to 5"):
        DGAEstimator().fit(six)
    with pytest.raises(InputError):
        DGAEstimator(prior="flat")
    with pytest.raises(InputError):
        DGAEstimator(delta=0)


def test_spina_bifida_reference(shared_data: Path) -> None:
    """dga's tests against Madigan & York: delta = 1, NB prior a = 13.14, b = 55.17."""
    table = read_capture_csv(shared_data / "mse" / "spina_bifida_madigan_york_3lists.csv")
    fit = DGAEstimator(delta=1, prior="negbin", prior_a=13.14, prior_b=55.17).fit(table)
    assert fit.model_weights_.max() == pytest.approx(0.37, abs=0.005)
    assert round(fit.estimate_) == 731
    assert fit.mode_ == 728
    top = int(np.argmax(fit.model_weights_))
    assert table.observed + fit.missing_[np.argmax(fit.model_posterior(top))] == 729
