r"""Label-switching moves for the latent-class sampler: let classes trade places in the stick order.

Under a truncated stick-breaking prior the class labels are not exchangeable: a class's prior
weight depends on its place in the order (:math:`\pi_k = V_k \prod_{l<k}(1 - V_l)`). The Gibbs
sweep never moves a whole class to another place, so a chain keeps the order it fell into early
on, and each order is a different basin of the posterior. On the 20-list Colombia stratum the
share of draws in the low mode of N (below 1,650) was anywhere from 0.26 to 0.71 across chains
of 300,000 sweeps, each chain steady in its own basin (at HRDAG's run length of 5,000,000
sweeps, 0.29 in one chain and 0.52 in another, alike in both halves of each); with these moves
the chains agree.

Two Metropolis–Hastings moves, from Papaspiliopoulos & Roberts (2008) and Hastie, Liverani &
Richardson (2015), each tried once a sweep on the complete data (classes of the seen and the
unseen, capture probabilities, sticks):

* **swap two occupied classes, weights kept**: classes i and j exchange their people and capture
  probabilities while :math:`\pi` stays; only :math:`\prod_k \pi_k^{n_k}` changes, so the move is
  accepted with probability :math:`\min(1, (\pi_i / \pi_j)^{n_j - n_i})`;
* **swap neighbours with their sticks**: classes l and l + 1 (both with a free stick) exchange
  people, capture probabilities and sticks :math:`V_l \leftrightarrow V_{l+1}`; the sticks'
  prior is unchanged and the acceptance is
  :math:`\min(1, (1 - V_{l+1})^{n_l} / (1 - V_l)^{n_{l+1}})`.

Both proposals are symmetric and leave the capture likelihood unchanged (the probabilities move
with their people), which is why these ratios are the whole story.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import njit

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@njit(cache=True)
def _swap_columns(table: npt.NDArray[np.generic], i: int, j: int) -> None:
    for row in range(table.shape[0]):
        table[row, i], table[row, j] = table[row, j], table[row, i]


@njit(cache=True)
def _exchange(i: int, j: int, lam: FloatArray, hits: IntArray, class_size: IntArray, cells: IntArray) -> None:
    """Classes i and j trade their people (totals, list hits, counts per pattern) and capture probabilities."""
    _swap_columns(lam, i, j)
    _swap_columns(hits, i, j)
    _swap_columns(cells, i, j)
    class_size[i], class_size[j] = class_size[j], class_size[i]


@njit(cache=True)
def _two_occupied(class_size: IntArray) -> tuple[int, int]:
    """Two distinct occupied classes drawn uniformly, or (-1, -1) when fewer than two are occupied."""
    occupied = 0
    for k in range(class_size.shape[0]):
        occupied += class_size[k] > 0
    if occupied < 2:
        return -1, -1
    first = np.random.randint(0, occupied)
    second = np.random.randint(0, occupied - 1)
    second += second >= first
    i = j = -1
    seen = 0
    for k in range(class_size.shape[0]):
        if class_size[k] > 0:
            if seen == first:
                i = k
            if seen == second:
                j = k
            seen += 1
    return i, j


@njit(cache=True)
def swap_labels(
    lam: FloatArray,
    hits: IntArray,
    class_size: IntArray,
    cells: IntArray,
    log_sticks: FloatArray,
    log_rests: FloatArray,
    log_weights: FloatArray,
) -> int:
    """Try both label moves once, in place; return how many were accepted (0, 1 or 2).

    ``log_weights`` must be the weights the sticks give (and is kept so); ``cells`` holds the
    class counts per pattern when a split–merge move will read them this sweep (else it is scratch).
    """
    accepted = 0
    i, j = _two_occupied(class_size)
    if i >= 0:
        log_ratio = (class_size[j] - class_size[i]) * (log_weights[i] - log_weights[j])
        if np.log(np.random.random()) < log_ratio:
            _exchange(i, j, lam, hits, class_size, cells)
            accepted += 1
    if class_size.shape[0] >= 3:  # the last class has no free stick (V_K = 1): k + 1 stays below K - 1
        k = np.random.randint(0, class_size.shape[0] - 2)
        log_ratio = class_size[k] * log_rests[k + 1] - class_size[k + 1] * log_rests[k]
        if np.log(np.random.random()) < log_ratio:
            _exchange(k, k + 1, lam, hits, class_size, cells)
            before = log_weights[k] - log_sticks[k]  # log of the stick left before class k, unchanged
            log_sticks[k], log_sticks[k + 1] = log_sticks[k + 1], log_sticks[k]
            log_rests[k], log_rests[k + 1] = log_rests[k + 1], log_rests[k]
            log_weights[k] = before + log_sticks[k]
            log_weights[k + 1] = before + log_rests[k] + log_sticks[k + 1]
            accepted += 1
    return accepted
