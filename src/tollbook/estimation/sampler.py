"""The numba-compiled Gibbs sampler of the latent-class capture–recapture model (NPLCM).

Written from Manrique-Vallier (2016), *Bayesian population size estimation using Dirichlet
process mixtures*, Biometrics 72(4). It works on distinct capture patterns with their counts:
the class allocation of the c people sharing a pattern is one multinomial draw, so the cost of
an iteration grows with the number of patterns, not of people. Compiled functions are cached
on disk (``cache=True``) so only the first run ever pays the compile time.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import njit

from tollbook.estimation.label_moves import swap_labels
from tollbook.estimation.moves import split_merge

# numba's disk cache of run_chain does not notice edits to moves.py or label_moves.py (it compiles
# their functions into run_chain): after changing either, delete
# src/tollbook/estimation/__pycache__/sampler.*.nb*.

FEW = 2  # see _multinomial_into: placing more people one by one is slower than binomials
# Chains start as the reference implementation (R's LCMCR) starts them, so that a chain here and
# one there begin in the same region of a posterior that can have several basins: every class
# catches on each list at that list's observed rate, four classes share 90% of the weight, and
# WARM_UP sweeps with alpha held at WARM_UP_ALPHA / K (few classes) come before the burn-in.
# Starting instead from low capture probabilities put one Colombia chain in four in a basin
# with three classes and N near 1,410 for 2,000,000 sweeps; from this start about one chain in
# twenty still falls into it, and R-hat across chains says so.
WARM_UP = 500
WARM_UP_ALPHA = 0.3
LEADING = 4
LEADING_SHARE = 0.9


@njit(cache=True)
def _multinomial_into(
    total: int,
    weights: npt.NDArray[np.float64],
    order: npt.NDArray[np.int64],
    tail: npt.NDArray[np.float64],
    out: npt.NDArray[np.int64],
) -> None:
    """Draw Multinomial(total, weights / sum) into ``out``, visiting classes in ``order``.

    ``order`` lists the classes by decreasing prior weight, so most people are placed after
    two or three binomial draws (25-160 ns each); once FEW or fewer remain they are placed
    one categorical draw each (a uniform and a scan over the classes). Each of those costs
    about as much as a binomial, so FEW is small: on the speed benchmark's table 12 took
    1.52 s, 2 took 1.25-1.33 s (best of 4-7 runs; on Colombia, HIV and a 6-list table, 2 was
    as fast as 12 or faster). Tail masses are summed from the end (into ``tail``, a scratch
    buffer of K + 1) so the shares never suffer from cancellation.
    """
    classes = weights.shape[0]
    tail[classes] = 0.0
    for i in range(classes - 1, -1, -1):
        tail[i] = tail[i + 1] + weights[order[i]]
        out[order[i]] = 0
    remaining = total
    for i in range(classes):
        if remaining <= FEW:
            _categorical_into(remaining, weights, order, i, tail[i], out)
            return
        k = order[i]
        share = weights[k] / tail[i]
        draw = remaining if share >= 1.0 or tail[i + 1] <= 0.0 else np.random.binomial(remaining, share)
        out[k] = draw
        remaining -= draw


@njit(cache=True)
def _categorical_into(
    people: int,
    weights: npt.NDArray[np.float64],
    order: npt.NDArray[np.int64],
    first: int,
    mass: float,
    out: npt.NDArray[np.int64],
) -> None:
    """Place ``people`` one by one among the classes order[first:], whose weights sum to ``mass``."""
    last = order.shape[0] - 1
    for _ in range(people):
        target = np.random.random() * mass
        i = first
        while i < last and target >= weights[order[i]]:
            target -= weights[order[i]]
            i += 1
        out[order[i]] += 1


@njit(cache=True)
def _beta(a: float, b: float) -> float:
    """Beta draw with cheap exact shortcuts for the common Beta(1, b) and Beta(a, 1) cases."""
    if a == 1.0:
        return 1.0 - np.random.uniform(0.0, 1.0) ** (1.0 / b)
    if b == 1.0:
        return np.random.uniform(0.0, 1.0) ** (1.0 / a)
    return np.random.beta(a, b)


@njit(cache=True)
def _log_gamma_draw(shape: float) -> float:
    """log G for G ~ Gamma(shape, 1), exact even when G underflows (shape far below 1).

    Uses G(s) = G(s + 1) * U^(1/s): for s = 0.01, G is below 1e-300 about 1% of the time, and
    those draws are exactly the ones the concentration alpha's update depends on.
    """
    if shape >= 1.0:
        return np.log(np.random.gamma(shape, 1.0))
    return np.log(np.random.gamma(shape + 1.0, 1.0)) + np.log(np.random.uniform(0.0, 1.0)) / shape


@njit(cache=True)
def _log_stick(a: float, b: float) -> tuple[float, float]:
    """(log V, log(1 - V)) for V ~ Beta(a, b), both accurate when V is within 1e-300 of 0 or 1.

    A stick whose later classes are empty has V ~ Beta(1 + n_k, alpha); with a small alpha,
    1 - V is often far below double precision. Clamping V below 1 (or letting it round to 1)
    caps -log(1 - V) and so biases alpha upwards: the exact small-problem test caught that.
    """
    if a == 1.0:  # an empty class: 1 - V = U^(1/b) exactly, one uniform instead of two gammas
        log_rest = np.log(np.random.uniform(0.0, 1.0)) / b
        return np.log(-np.expm1(log_rest)), log_rest
    log_a = _log_gamma_draw(a)
    log_b = _log_gamma_draw(b)
    top = max(log_a, log_b)
    log_sum = top + np.log(np.exp(log_a - top) + np.exp(log_b - top))
    return log_a - log_sum, log_b - log_sum


@njit(cache=True)
def _stick_log_weights(
    log_sticks: npt.NDArray[np.float64], log_rests: npt.NDArray[np.float64], log_weights: npt.NDArray[np.float64]
) -> None:
    """log pi_k = log V_k + sum_{l<k} log(1 - V_l), the truncated stick-breaking weights (V_K = 1)."""
    left = 0.0
    for k in range(log_sticks.shape[0]):
        log_weights[k] = log_sticks[k] + left
        left += log_rests[k]


@njit(cache=True)
def _order_by_weight(weights: npt.NDArray[np.float64], order: npt.NDArray[np.int64]) -> None:
    """Classes by decreasing (log) weight, in place; insertion sort, as the order barely changes."""
    for i in range(1, order.shape[0]):
        current = order[i]
        j = i - 1
        while j >= 0 and weights[order[j]] < weights[current]:
            order[j + 1] = order[j]
            j -= 1
        order[j + 1] = current


@njit(cache=True)
def _starting_log_weights(classes: int) -> npt.NDArray[np.float64]:
    """LEADING classes share LEADING_SHARE of the weight equally, the rest share what is left."""
    if classes <= LEADING:
        return np.full(classes, -np.log(classes))
    weights = np.full(classes, np.log((1.0 - LEADING_SHARE) / (classes - LEADING)))
    weights[:LEADING] = np.log(LEADING_SHARE / LEADING)
    return weights


@njit(cache=True)
def _sticks_from_weights(
    log_weights: npt.NDArray[np.float64], log_sticks: npt.NDArray[np.float64], log_rests: npt.NDArray[np.float64]
) -> None:
    """The sticks (log V_k, log(1 - V_k)) that give these weights: V_k = pi_k / (1 - sum_{l<k} pi_l)."""
    left = 0.0  # log of the stick not yet broken off
    for k in range(log_weights.shape[0] - 1):
        share = min(np.exp(log_weights[k] - left), 1.0 - 1e-12)
        log_sticks[k] = np.log(share)
        log_rests[k] = np.log1p(-share)
        left += log_rests[k]
    log_sticks[-1], log_rests[-1] = 0.0, -np.inf


@njit(cache=True)
def _relabel_by_weight(
    lam: npt.NDArray[np.float64],
    log_sticks: npt.NDArray[np.float64],
    log_rests: npt.NDArray[np.float64],
    log_weights: npt.NDArray[np.float64],
) -> None:
    """After the warm-up, give the heaviest class the first label, and so on: the stick order's favourite."""
    ranked = np.argsort(-log_weights)
    lam[:, :] = lam[:, ranked].copy()
    log_weights[:] = log_weights[ranked].copy()
    _sticks_from_weights(log_weights, log_sticks, log_rests)


@njit(cache=True, nogil=True)  # releases the GIL, so chains in threads run on separate cores
def run_chain(
    patterns: npt.NDArray[np.int8],
    counts: npt.NDArray[np.int64],
    classes: int,
    alpha_shape: float,
    alpha_rate: float,
    burn_in: int,
    samples: int,
    thin: int,
    seed: int,
    split_merge_every: int = 0,
    label_moves: bool = True,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64], int]:
    """One chain: the kept draws of N, of alpha and of the occupied classes, and the accepted split–merges.

    WARM_UP sweeps (alpha held small) precede the ``burn_in``; neither is kept. Every sweep
    tries the two label moves (``label_moves.py``; ``label_moves=False`` leaves them out, as R's
    LCMCR sampler does) and every ``split_merge_every``-th sweep (0: never) a split–merge move
    (``moves.py``), between drawing the classes and drawing the capture probabilities and sticks.
    """
    np.random.seed(seed)
    m, lists = patterns.shape
    observed = counts.sum()
    lam = np.empty((lists, classes))
    for j in range(lists):
        lam[j, :] = min(max((patterns[:, j] * counts).sum() / observed, 1e-10), 1.0 - 1e-10)
    alpha = WARM_UP_ALPHA / classes
    log_sticks = np.zeros(classes)
    log_rests = np.full(classes, -np.inf)
    log_weights = _starting_log_weights(classes)
    _sticks_from_weights(log_weights, log_sticks, log_rests)
    order = np.arange(classes)
    _order_by_weight(log_weights, order)
    kept = samples // thin
    out_n = np.empty(kept)
    out_alpha = np.empty(kept)
    out_used = np.empty(kept)
    class_size = np.zeros(classes, dtype=np.int64)
    hits = np.zeros((lists, classes), dtype=np.int64)
    alloc = np.zeros(classes, dtype=np.int64)
    cells = np.zeros((m + 1, classes), dtype=np.int64)  # class counts per pattern, for split-merge
    scores = np.empty(classes)
    tail = np.empty(classes + 1)
    log_odds = np.empty((lists, classes))
    log_miss = np.empty((lists, classes))
    base = np.empty(classes)
    starts = np.zeros(m + 2, dtype=np.int64)  # row m, with no lists, is the unseen pattern
    for p in range(m):
        starts[p + 1] = starts[p] + patterns[p].sum()
    starts[m + 1] = starts[m]
    ones = np.empty(starts[m], dtype=np.int64)
    for p in range(m):
        t = starts[p]
        for j in range(lists):
            if patterns[p, j] == 1:
                ones[t] = j
                t += 1
    missing = 0
    accepted = 0
    for step in range(-WARM_UP, burn_in + samples):
        if step == 0:
            _relabel_by_weight(lam, log_sticks, log_rests, log_weights)
            _order_by_weight(log_weights, order)
        moving = split_merge_every > 0 and step >= 0 and step % split_merge_every == 0
        for j in range(lists):
            for k in range(classes):
                log_miss[j, k] = np.log1p(-lam[j, k])
                log_odds[j, k] = np.log(lam[j, k]) - log_miss[j, k]
        class_size[:] = 0
        hits[:, :] = 0
        # 1. classes of the observed people, pattern by pattern: a class's score is its
        #    all-missed log-probability plus, for each list the pattern is on, log(lam / (1 - lam))
        for k in range(classes):
            base[k] = log_weights[k]
            for j in range(lists):
                base[k] += log_miss[j, k]
        for p in range(m):
            top = -np.inf
            for k in range(classes):
                s = base[k]
                for t in range(starts[p], starts[p + 1]):
                    s += log_odds[ones[t], k]
                scores[k] = s
                top = max(top, s)
            for k in range(classes):
                scores[k] = np.exp(scores[k] - top)
            _multinomial_into(counts[p], scores, order, tail, alloc)
            if moving:
                cells[p] = alloc
            for k in range(classes):
                if alloc[k] > 0:
                    class_size[k] += alloc[k]
                    for t in range(starts[p], starts[p + 1]):
                        hits[ones[t], k] += alloc[k]
        # 2. the unseen: n0 ~ NegBin(n, 1 - p0) under p(N) ~ 1/N, then their classes
        unseen = 0.0
        for k in range(classes):
            scores[k] = np.exp(base[k])
            unseen += scores[k]
        unseen = min(unseen, 1.0 - 1e-12)
        missing = np.random.poisson(np.random.gamma(observed, unseen / (1.0 - unseen)))
        _multinomial_into(missing, scores, order, tail, alloc)
        for k in range(classes):
            class_size[k] += alloc[k]
        if moving:
            cells[m] = alloc
        # moves (label_moves.py, moves.py) go here: after the classes, before what they condition
        if label_moves:
            swap_labels(lam, hits, class_size, cells, log_sticks, log_rests, log_weights)
        if moving and split_merge(cells, starts, ones, hits, class_size, alpha):
            accepted += 1
            missing = cells[m].sum()
        # 3. capture probabilities per list and class: Beta(1 + hits, 1 + misses)
        for j in range(lists):
            for k in range(classes):
                value = _beta(1.0 + hits[j, k], 1.0 + class_size[k] - hits[j, k])
                lam[j, k] = min(max(value, 1e-10), 1.0 - 1e-10)
        # 4. stick-breaking weights, then 5. the concentration alpha
        later = class_size.sum()
        log_left = 0.0
        for k in range(classes - 1):
            later -= class_size[k]
            log_sticks[k], log_rests[k] = _log_stick(1.0 + class_size[k], alpha + later)
            log_left += log_rests[k]
        _stick_log_weights(log_sticks, log_rests, log_weights)
        _order_by_weight(log_weights, order)
        if step >= 0:
            alpha = np.random.gamma(alpha_shape + classes - 1, 1.0 / (alpha_rate - log_left))
        if step >= burn_in and (step - burn_in) % thin == 0 and (step - burn_in) // thin < kept:
            index = (step - burn_in) // thin
            out_n[index] = observed + missing
            out_alpha[index] = alpha
            out_used[index] = (class_size > 0).sum()
    return out_n, out_alpha, out_used, accepted
