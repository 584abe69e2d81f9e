"""R-hat and effective sample size against cases whose answer is known."""

from __future__ import annotations

import numpy as np
import pytest

from tollbook.estimation.checks import chain_warnings, fit_warnings, table_warnings
from tollbook.estimation.diagnostics import effective_sample_size, split_rhat
from tollbook.estimation.histories import CaptureTable


def ar1(rho: float, size: int, rng: np.random.Generator) -> np.ndarray:
    noise = rng.normal(size=size)
    out = np.empty(size)
    out[0] = noise[0]
    for t in range(1, size):
        out[t] = rho * out[t - 1] + np.sqrt(1 - rho**2) * noise[t]
    return out


def test_independent_chains_agree() -> None:
    chains = np.random.default_rng(0).normal(size=(4, 2000))
    assert split_rhat(chains) == pytest.approx(1, abs=0.01)
    assert effective_sample_size(chains) == pytest.approx(8000, rel=0.15)


def test_separated_chains_are_caught() -> None:
    chains = np.random.default_rng(1).normal(size=(2, 1000)) + np.array([[0], [3]])
    assert split_rhat(chains) > 1.5


def test_a_drifting_chain_disagrees_with_itself() -> None:
    chain = np.linspace(0, 10, 2000)[None, :] + np.random.default_rng(2).normal(size=(1, 2000))
    assert split_rhat(chain) > 1.5


def test_autocorrelation_shrinks_the_effective_size() -> None:
    rng = np.random.default_rng(3)
    chains = np.array([ar1(0.9, 5000, rng) for _ in range(2)])
    expected = 10_000 * (1 - 0.9) / (1 + 0.9)
    assert effective_sample_size(chains) == pytest.approx(expected, rel=0.3)


def test_constant_chains_do_not_divide_by_zero() -> None:
    assert split_rhat(np.ones((2, 100))) == 1.0
    assert effective_sample_size(np.ones((2, 100))) == 200


def test_assumption_warnings() -> None:
    few = CaptureTable.build(["A", "B", "C"], [[1, 0, 0], [0, 1, 0], [1, 1, 0]], [500, 400, 3])
    found = " ".join(table_warnings(few))
    assert "few overlaps" in found and "sparse" in found
    dominant = CaptureTable.build(["A", "B"], [[1, 0], [1, 1], [0, 1]], [900, 80, 10])
    assert any("dominates" in w for w in table_warnings(dominant))
    healthy = CaptureTable.build(["A", "B"], [[1, 0], [1, 1], [0, 1]], [300, 200, 250])
    assert table_warnings(healthy) == []


def test_fit_and_chain_warnings() -> None:
    assert any("five times" in w for w in fit_warnings(100, 900.0, (400.0, 2000.0)))
    assert any("upper end" in w for w in fit_warnings(100, 150.0, (120.0, float("inf"))))
    assert fit_warnings(100, 150.0, (120.0, 200.0)) == []
    assert len(chain_warnings(1.3, 50)) == 2
    assert chain_warnings(1.01, 1000) == []
