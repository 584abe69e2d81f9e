r"""Split–merge Metropolis–Hastings move for the latent-class sampler: cross between class structures.

The Gibbs sweep moves people between classes given the classes' capture probabilities, so a
chain that has one class too few (or too many) can need millions of sweeps to change that: on
the 20-list Colombia stratum one chain in four stayed 300,000 sweeps in a mode with three
occupied classes and N near 1,410 while the others had four and N near 2,066. Splitting the
merged class only pays if the number of unseen people changes with it, so this move (Jain &
Neal 2004's restricted-Gibbs split–merge, launched by Dahl's sequential allocation) proposes
the classes of the seen and the unseen count together. It works on capture patterns and their
counts, never on individual people.

**Target.** With the capture probabilities and sticks integrated out and p(N) ∝ 1/N, the
classes of the seen people and the unseen counts :math:`u_k` per class have

.. math::
    p(z, u \mid \alpha, y) \propto \frac{(N - 1)!}{\prod_k u_k!}
    \prod_k \prod_j B(1 + h_{jk}, 1 + n_k - h_{jk}) \prod_{k<K} B(1 + n_k, \alpha + m_k),

with :math:`n_k` the class sizes (seen and unseen), :math:`h_{jk}` the class's people on list j
and :math:`m_k = \sum_{l>k} n_l`. The sweep draws the capture probabilities and sticks afresh
from their full conditionals right after the move, so move + draw leaves the joint posterior
invariant (a collapsed step followed by a draw of what was collapsed).

**Proposal.** Two distinct seen people i, j are drawn uniformly. If they share class a
(``split``): draw a total unseen count U for the two halves from h(U | S), S the seen people of
a; put j in an empty label b (one of E, uniformly); build a launch state from S and U alone
(sequential allocation, then restricted Gibbs scans) and propose the result of one more scan,
whose probability :math:`q` is a product over patterns of :math:`w^k (1 - w)^{r - k}`. If i and j
are in classes a and b (``merge``): join them and draw the merged class's unseen count u from
g(u | S). g and h are histogram proposals built from S only, so

.. math::
    A_{\text{split}} = \min\Big(1, \frac{p(z', u')}{p(z, u)} \frac{g(u_a \mid S)}{h(U \mid S)\, q / E}\Big),
    \qquad
    A_{\text{merge}} = \min\Big(1, \frac{p(z', u')}{p(z, u)} \frac{h(u_a + u_b \mid S)\, q / E'}{g(u' \mid S)}\Big),

E' being the number of empty labels after the merge and q, in the merge, the probability that
the last scan from a launch built the same way reaches the present split. Choosing (i, j) has
the same probability 1/(n(n-1)) both ways.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
from numba import njit

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BINS = 48
SCANS = 3
FLAT = 0.5  # share of h that is flat over g's range, so that splits also try many more unseen


@njit(cache=True)
def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


@njit(cache=True)
def _softplus(x: float) -> float:
    """log(1 + e^x) without overflow."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


@njit(cache=True)
def _class_log_likelihood(hits: FloatArray, size: float) -> float:
    """log of prod_j B(1 + h_j, 1 + n - h_j): the class's lists with their probabilities integrated out."""
    total = 0.0
    for j in range(hits.shape[0]):
        total += _log_beta(1.0 + hits[j], 1.0 + size - hits[j])
    return total


@njit(cache=True)
def _stick_log_prior(sizes: IntArray, alpha: float) -> float:
    """log of prod_{k<K} B(1 + n_k, alpha + m_k): the class sizes with the sticks integrated out."""
    total = 0.0
    later = sizes.sum()
    for k in range(sizes.shape[0] - 1):
        later -= sizes[k]
        total += _log_beta(1.0 + sizes[k], alpha + later)
    return total


@njit(cache=True)
def _pick(cells: IntArray, people: int, skip_row: int, skip_class: int) -> tuple[int, int]:
    """(pattern, class) of a person drawn uniformly, leaving out one person of (skip_row, skip_class)."""
    target = np.random.randint(0, people)
    for p in range(cells.shape[0]):
        for k in range(cells.shape[1]):
            available = cells[p, k] - (1 if p == skip_row and k == skip_class else 0)
            if target < available:
                return p, k
            target -= available
    return -1, -1


@njit(cache=True)
def _column_hits(column: IntArray, starts: IntArray, ones: IntArray, lists: int) -> FloatArray:
    """People of one class on each list, from its counts per pattern."""
    hits = np.zeros(lists)
    for p in range(column.shape[0]):
        for t in range(starts[p], starts[p + 1]):
            hits[ones[t]] += column[p]
    return hits


@njit(cache=True)
def _log_predictive(row: int, starts: IntArray, ones: IntArray, hits: FloatArray, size: float) -> float:
    """log size + log p(pattern | the partial class), capture probabilities Beta(1, 1) integrated out."""
    score = math.log(size) - hits.shape[0] * math.log(2.0 + size)
    for j in range(hits.shape[0]):
        score += math.log(1.0 + size - hits[j])
    for t in range(starts[row], starts[row + 1]):
        j = ones[t]
        score += math.log(1.0 + hits[j]) - math.log(1.0 + size - hits[j])
    return score


@njit(cache=True)
def _shift(
    row: int, starts: IntArray, ones: IntArray, part: tuple[FloatArray, FloatArray, FloatArray], people: tuple[int, int]
) -> None:
    """Add (or with negative counts, remove) people of one pattern to the staying and moving parts."""
    stay_hits, move_hits, sizes = part
    sizes[0] += people[0]
    sizes[1] += people[1]
    for t in range(starts[row], starts[row + 1]):
        stay_hits[ones[t]] += people[0]
        move_hits[ones[t]] += people[1]


@njit(cache=True)
def _choose(
    row: int, rest: int, starts: IntArray, ones: IntArray, part: tuple[FloatArray, FloatArray, FloatArray], k: int
) -> tuple[int, float]:
    """Send k ~ Binomial(rest, w) of a pattern's people to the moving part (k < 0: draw it); return k, log q.

    The seen are told apart (q = w^k (1 - w)^(rest - k) for these k people); the unseen only
    counted, as in the target's 1/u!, so their q is the binomial probability of k.
    """
    gap = _log_predictive(row, starts, ones, part[0], part[2][0])
    gap -= _log_predictive(row, starts, ones, part[1], part[2][1])
    log_move, log_stay = -_softplus(gap), -_softplus(-gap)
    if k < 0:
        k = np.random.binomial(rest, math.exp(log_move))
    log_q = (k * log_move if k > 0 else 0.0) + ((rest - k) * log_stay if rest > k else 0.0)
    if starts[row] == starts[row + 1]:  # the unseen are counted, not told apart: Binomial(rest, w) itself
        log_q += math.lgamma(rest + 1.0) - math.lgamma(k + 1.0) - math.lgamma(rest - k + 1.0)
    return k, log_q


@njit(cache=True)
def _anchored(
    union: IntArray, starts: IntArray, ones: IntArray, lists: int, anchors: tuple[int, int]
) -> tuple[tuple[FloatArray, FloatArray, FloatArray], IntArray]:
    """Empty staying and moving parts holding only their anchor, and the people left to place."""
    part = (np.zeros(lists), np.zeros(lists), np.zeros(2))
    _shift(anchors[0], starts, ones, part, (1, 0))
    _shift(anchors[1], starts, ones, part, (0, 1))
    rest = union.copy()
    rest[anchors[0]] -= 1
    rest[anchors[1]] -= 1
    return part, rest


@njit(cache=True)
def _launch(
    union: IntArray, starts: IntArray, ones: IntArray, lists: int, anchors: tuple[int, int]
) -> tuple[tuple[FloatArray, FloatArray, FloatArray], IntArray, IntArray]:
    """Dahl's sequential allocation then SCANS restricted Gibbs scans: a launch state built from
    the people of both classes (``union``, unseen row last) and the anchors alone."""
    part, rest = _anchored(union, starts, ones, lists, anchors)
    moved = np.zeros(union.shape[0], dtype=np.int64)
    rows = union.shape[0]
    order = np.random.permutation(rows - 1)
    for step in range(rows):
        p = order[step] if step < rows - 1 else rows - 1  # the unseen last: the parts are formed by then
        if rest[p] > 0:
            moved[p] = _choose(p, rest[p], starts, ones, part, -1)[0]
            _shift(p, starts, ones, part, (rest[p] - moved[p], moved[p]))
    for _ in range(SCANS):
        _scan(rest, starts, ones, part, moved, moved, True)
    return part, rest, moved


@njit(cache=True)
def _scan(
    rest: IntArray,
    starts: IntArray,
    ones: IntArray,
    part: tuple[FloatArray, FloatArray, FloatArray],
    moved: IntArray,
    goal: IntArray,
    propose: bool,
) -> float:
    """One restricted Gibbs scan, patterns in a random order: each pattern's people are placed
    again given everyone else. With ``propose`` the draws update ``moved``; otherwise ``moved``
    is set to ``goal`` pattern by pattern. Returns log q of the assignment the scan ends with."""
    log_q = 0.0
    for p in np.random.permutation(rest.shape[0]):
        if rest[p] == 0:
            continue
        _shift(p, starts, ones, part, (moved[p] - rest[p], -moved[p]))
        k, log_p = _choose(p, rest[p], starts, ones, part, -1 if propose else goal[p])
        moved[p] = k
        log_q += log_p
        _shift(p, starts, ones, part, (rest[p] - k, k))
    return log_q


@njit(cache=True)
def _unseen_shape(unseen: float, seen: int, hits: FloatArray) -> float:
    """log p(u | a lone class's seen people): N_k = seen + u, p(N_k) ∝ 1/N_k, lambda integrated out."""
    size = seen + unseen
    total = math.lgamma(size) - math.lgamma(unseen + 1.0)
    for j in range(hits.shape[0]):
        total += _log_beta(1.0 + hits[j], 1.0 + size - hits[j])
    return total


@njit(cache=True)
def _unseen_proposals(seen: int, hits: FloatArray) -> tuple[int, FloatArray, FloatArray]:
    """Histogram proposals g and h for an unseen count, functions of the seen people only.

    The class on its own is model Mt; its posterior of u is scanned on 0, 1, 3, 7, ... for the
    peak, then cut into BINS equal bins over [0, 4 * peak + 64), each weighted by the density
    at its centre and uniform inside (g). h mixes g with a flat histogram over the same range.
    Returns (bin width, log bin probabilities under g, under h).
    """
    best, peak, unseen = -np.inf, 0.0, 0.0
    while unseen < 2.0**24:
        value = _unseen_shape(unseen, seen, hits)
        if value > best:
            best, peak = value, unseen
        unseen = 2.0 * unseen + 1.0
    width = max(1, math.ceil((4.0 * peak + 64.0) / BINS))
    g = np.empty(BINS)
    for i in range(BINS):
        g[i] = _unseen_shape(i * width + (width - 1) / 2.0, seen, hits)
    top = g.max()
    g -= top + math.log(np.exp(g - top).sum())
    h = np.log((1.0 - FLAT) * np.exp(g) + FLAT / BINS)
    return width, g, h


@njit(cache=True)
def _draw_unseen(width: int, log_probs: FloatArray) -> int:
    target = np.random.random()
    for i in range(BINS - 1):
        target -= math.exp(log_probs[i])
        if target < 0.0:
            return i * width + np.random.randint(0, width)
    return (BINS - 1) * width + np.random.randint(0, width)


@njit(cache=True)
def _unseen_log_pmf(unseen: int, width: int, log_probs: FloatArray) -> float:
    where = unseen // width
    return log_probs[where] - math.log(width) if where < BINS else -np.inf


@njit(cache=True)
def _nth_empty(sizes: IntArray, n: int) -> int:
    for k in range(sizes.shape[0]):
        if sizes[k] == 0:
            if n == 0:
                return k
            n -= 1
    return -1


@njit(cache=True)
def split_merge(
    cells: IntArray, starts: IntArray, ones: IntArray, hits: IntArray, sizes: IntArray, alpha: float
) -> bool:
    """One split–merge attempt; updates ``cells`` (patterns x classes), ``hits`` and ``sizes`` if accepted.

    ``cells`` has one row per capture pattern, the unseen (all-zero) pattern last, and
    ``starts``/``ones`` list each row's lists. Returns whether the proposal was accepted.
    """
    rows, lists = cells.shape[0], hits.shape[0]
    seen = sizes.sum() - cells[rows - 1].sum()
    if seen < 2:
        return False
    first, a = _pick(cells[: rows - 1], seen, -1, -1)
    second, b = _pick(cells[: rows - 1], seen - 1, first, a)
    empty = 0
    for k in range(sizes.shape[0]):
        if sizes[k] == 0:
            empty += 1
    splitting = a == b
    if splitting and empty == 0:
        return False
    if splitting:
        b = _nth_empty(sizes, np.random.randint(0, empty))
    old_a, old_b = cells[:, a].copy(), cells[:, b].copy()
    union = old_a + old_b
    width, g, h = _unseen_proposals(union[:-1].sum(), _column_hits(union, starts, ones, lists))
    if splitting:
        union[-1] = _draw_unseen(width, h)
        part, rest, moved = _launch(union, starts, ones, lists, (first, second))
        log_q = _scan(rest, starts, ones, part, moved, moved, True)
        moved[second] += 1
        new_a, new_b = union - moved, moved
        log_ratio = math.log(empty) + _unseen_log_pmf(old_a[-1], width, g)
        log_ratio -= _unseen_log_pmf(union[-1], width, h) + log_q
    else:
        goal = old_b.copy()
        goal[second] -= 1
        part, rest, moved = _launch(union, starts, ones, lists, (first, second))
        log_q = _scan(rest, starts, ones, part, moved, goal, False)
        new_a, new_b = union.copy(), np.zeros(rows, dtype=np.int64)
        new_a[-1] = _draw_unseen(width, g)
        log_ratio = _unseen_log_pmf(union[-1], width, h) + log_q - math.log(empty + 1)
        log_ratio -= _unseen_log_pmf(new_a[-1], width, g)
    return _accept(cells, starts, ones, hits, sizes, alpha, (a, b), (old_a, old_b, new_a, new_b), log_ratio)


@njit(cache=True)
def _class_log_target(column: IntArray, starts: IntArray, ones: IntArray, lists: int) -> float:
    """A class's factors of the collapsed target: prod_j B(1 + h_j, 1 + n - h_j) / u!."""
    size = column.sum()
    return _class_log_likelihood(_column_hits(column, starts, ones, lists), size) - math.lgamma(column[-1] + 1.0)


@njit(cache=True)
def _accept(
    cells: IntArray,
    starts: IntArray,
    ones: IntArray,
    hits: IntArray,
    sizes: IntArray,
    alpha: float,
    labels: tuple[int, int],
    columns: tuple[IntArray, IntArray, IntArray, IntArray],
    log_ratio: float,
) -> bool:
    """Metropolis–Hastings test of replacing classes a, b's columns (old_a, old_b) by (new_a, new_b)."""
    a, b = labels
    old_a, old_b, new_a, new_b = columns
    lists = hits.shape[0]
    new_sizes = sizes.copy()
    new_sizes[a], new_sizes[b] = new_a.sum(), new_b.sum()
    log_ratio += math.lgamma(new_sizes.sum()) - math.lgamma(sizes.sum())
    log_ratio += _class_log_target(new_a, starts, ones, lists) + _class_log_target(new_b, starts, ones, lists)
    log_ratio -= _class_log_target(old_a, starts, ones, lists) + _class_log_target(old_b, starts, ones, lists)
    log_ratio += _stick_log_prior(new_sizes, alpha) - _stick_log_prior(sizes, alpha)
    if not log_ratio > math.log(np.random.random()):
        return False
    cells[:, a], cells[:, b] = new_a, new_b
    sizes[a], sizes[b] = new_sizes[a], new_sizes[b]
    hits_a, hits_b = _column_hits(new_a, starts, ones, lists), _column_hits(new_b, starts, ones, lists)
    for j in range(lists):
        hits[j, a], hits[j, b] = int(hits_a[j]), int(hits_b[j])
    return True
