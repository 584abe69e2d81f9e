"""Scored pairs → persons: links at a threshold joined strongest first, never across a "these differ".

A person is a set of records joined by links with match probability ≥ the threshold. Plain
connected components let one weak link chain two siblings together through a third record
that resembles both. So links are merged strongest first (union–find), and a merge is
refused when it would put together two records known to be different people: a vetoed pair
(see :mod:`tollbook.victims.veto`) or a reviewer's *non-match* decision. A reviewer's
*match* decision is a link that is always made first, whatever its score. Finally a
record that no link reached joins its most likely partner if that pair reaches
:data:`LONER_PROBABILITY`, so that person counts are not biased upwards.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

Pair = tuple[int, int]
# A record that no link reaches joins its best candidate when that pair's probability is
# ≥ 0.25. Were the probabilities calibrated, 0.5 ("more likely than not") would be right;
# they are not for such records: a record alone is typically a damaged one (a name
# missing, the other mistyped, the year of birth off by a digit), and the model, trained
# mostly on intact pairs, under-rates its true partner. On fake_1000 and the generated
# lists 0.5 left 3–18% too many persons; 0.25 cuts that to about 1–8% at a cost of
# under one point of pair precision (bench/linkage.py). The toll is a count: a person
# counted twice is as wrong as two merged.
LONER_PROBABILITY = 0.25


class _Groups:
    """Union–find over records, each group carrying the groups it must never join."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))  # a list: item access is several times faster than numpy's
        self.apart: dict[int, set[int]] = {}

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def keep_apart(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.apart.setdefault(ra, set()).add(rb)
            self.apart.setdefault(rb, set()).add(ra)

    def join(self, a: int, b: int, force: bool = False) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or (not force and rb in self.apart.get(ra, ())):
            return
        if len(self.apart.get(ra, ())) < len(self.apart.get(rb, ())):
            ra, rb = rb, ra
        self.parent[rb] = ra
        moved = self.apart.pop(rb, set()) - {ra}
        self.apart.setdefault(ra, set()).update(moved)
        self.apart[ra].discard(rb)
        for other in moved:
            self.apart[other].discard(rb)
            self.apart[other].add(ra)
        if not self.apart[ra]:
            del self.apart[ra]


def cluster(
    n_records: int,
    pairs: pd.DataFrame,
    threshold: float,
    forced: Iterable[Pair] = (),
    cut: Iterable[Pair] = (),
    alone: float | None = LONER_PROBABILITY,
) -> np.ndarray:
    """Person number (0..k−1, in order of first record) of each record 0..n−1.

    ``pairs`` has ``unique_id_l``, ``unique_id_r``, ``match_probability`` and optionally
    ``vetoed`` (those pairs are kept apart rather than linked). A record that no link
    reaches then joins its most likely partner when that pair's probability is at least
    ``alone`` (None: never) — see :data:`LONER_PROBABILITY`.
    """
    groups = _Groups(n_records)
    forced = [(int(a), int(b)) for a, b in forced]
    for a, b in forced:
        groups.join(a, b, force=True)
    vetoed = pairs["vetoed"].to_numpy(dtype=bool) if "vetoed" in pairs.columns else np.zeros(len(pairs), dtype=bool)
    lowest = threshold if alone is None else min(alone, threshold)
    candidates = pairs.loc[~vetoed & (pairs["match_probability"] >= lowest)]
    for a, b in [*cut, *_binding(pairs.loc[vetoed], candidates, forced, n_records)]:
        groups.keep_apart(int(a), int(b))
    links = candidates.loc[candidates["match_probability"] >= threshold]
    links = links.sort_values("match_probability", ascending=False, kind="stable")
    for a, b in links[["unique_id_l", "unique_id_r"]].to_numpy().tolist():
        groups.join(a, b)
    if alone is not None and alone < threshold:
        _adopt_loners(groups, n_records, candidates)
    return _renumber(_labels(groups, n_records))


def _binding(apart: pd.DataFrame, candidates: pd.DataFrame, forced: list[Pair], n_records: int) -> list[Pair]:
    """The keep-apart pairs that could ever bind: both records in one component of the
    graph of every link that may be made (candidates and forced links).

    Two records no chain of possible links can connect never meet, so their veto is moot;
    on a million records this drops most of the vetoed pairs before the Python loop.
    """
    if apart.empty:
        return []
    ends = [candidates["unique_id_l"].to_numpy(), candidates["unique_id_r"].to_numpy()]
    if forced:
        ends = [np.concatenate([ends[0], [a for a, _ in forced]]), np.concatenate([ends[1], [b for _, b in forced]])]
    graph = coo_matrix((np.ones(len(ends[0]), dtype=np.int8), (ends[0], ends[1])), shape=(n_records, n_records))
    component = connected_components(graph, directed=False)[1]
    left, right = apart["unique_id_l"].to_numpy(), apart["unique_id_r"].to_numpy()
    together = component[left] == component[right]
    return list(zip(left[together].tolist(), right[together].tolist(), strict=True))


def _labels(groups: _Groups, n_records: int) -> np.ndarray:
    return np.fromiter((groups.find(i) for i in range(n_records)), dtype=np.int64, count=n_records)


def _adopt_loners(groups: _Groups, n_records: int, candidates: pd.DataFrame) -> None:
    """Each record still alone joins its most likely partner (strongest candidate pairs first)."""
    labels = _labels(groups, n_records)
    alone = np.bincount(labels, minlength=n_records)[labels] == 1
    loners = set(np.flatnonzero(alone).tolist())
    involved = alone[candidates["unique_id_l"].to_numpy()] | alone[candidates["unique_id_r"].to_numpy()]
    ordered = candidates.loc[involved].sort_values("match_probability", ascending=False, kind="stable")
    for a, b in ordered[["unique_id_l", "unique_id_r"]].to_numpy().tolist():
        if a in loners or b in loners:
            groups.join(int(a), int(b))
            loners.discard(a)
            loners.discard(b)


def _renumber(labels: np.ndarray) -> np.ndarray:
    """Stable person numbers: the person of record 0 is 0, the next new person is 1, ..."""
    _, first = np.unique(labels, return_index=True)
    order = np.argsort(np.argsort(first))
    return order[np.searchsorted(np.unique(labels), labels)]
