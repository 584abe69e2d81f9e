"""Label-switching moves: whatever they accept, the sampler's state stays one consistent state.

That the moves keep the posterior exact is checked in test_lcmcr.py (the small-mixture tests
fail if either acceptance ratio is wrong); here every accepted swap must carry a class's people,
list hits, counts per pattern and capture probabilities together, and keep weights and sticks
in step.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tollbook.estimation.label_moves import swap_labels


def _sticks(rng: np.random.Generator, classes: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Random sticks as the sampler keeps them (log V, log(1 - V), V_K = 1) and their log weights."""
    sticks = rng.beta(1.0, 0.5, classes)
    log_sticks, log_rests = np.log(sticks), np.log1p(-sticks)
    log_sticks[-1], log_rests[-1] = 0.0, -np.inf
    log_weights = log_sticks + np.concatenate([[0.0], np.cumsum(log_rests[:-1])])
    return log_sticks, log_rests, log_weights


@settings(max_examples=60, deadline=None)
@given(classes=st.integers(1, 8), lists=st.integers(1, 5), seed=st.integers(0, 2**31 - 1))
def test_swaps_move_whole_classes_and_keep_weights_in_step(classes: int, lists: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    patterns = 6
    cells = rng.integers(0, 4, (patterns + 1, classes)) * (rng.random(classes) < 0.7)
    class_size = cells.sum(axis=0).astype(np.int64)
    hits = rng.integers(0, 3, (lists, classes)).astype(np.int64)
    lam = rng.random((lists, classes))
    log_sticks, log_rests, log_weights = _sticks(rng, classes)
    before = {(int(class_size[k]), tuple(hits[:, k]), tuple(cells[:, k]), tuple(lam[:, k])) for k in range(classes)}
    accepted = 0
    for _ in range(50):  # which swaps are accepted is random (numba's own generator): all must hold
        accepted += swap_labels(lam, hits, class_size, cells, log_sticks, log_rests, log_weights)
    after = {(int(class_size[k]), tuple(hits[:, k]), tuple(cells[:, k]), tuple(lam[:, k])) for k in range(classes)}
    assert after == before
    assert np.array_equal(class_size, cells.sum(axis=0))
    expected = log_sticks + np.concatenate([[0.0], np.cumsum(log_rests[:-1])])
    assert np.allclose(log_weights, expected)
    assert 0 <= accepted <= 100


def test_an_empty_or_single_class_is_left_alone() -> None:
    lam = np.full((2, 1), 0.3)
    hits = np.array([[2], [1]], dtype=np.int64)
    sizes = np.array([5], dtype=np.int64)
    cells = np.array([[5]], dtype=np.int64)
    log_sticks, log_rests, log_weights = np.zeros(1), np.full(1, -np.inf), np.zeros(1)
    assert swap_labels(lam, hits, sizes, cells, log_sticks, log_rests, log_weights) == 0
    assert sizes[0] == 5 and hits[0, 0] == 2
