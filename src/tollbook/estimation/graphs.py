"""Decomposable (chordal) graphs on k lists, each given by its cliques and separators.

Madigan & York's model averaging needs, for every decomposable graph, the cliques and the
separators of a junction tree: the hyper-Dirichlet marginal likelihood factorises over them.
There are 822 such graphs on 5 vertices, so they are enumerated once per k and cached.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

MAX_LISTS = 5


@dataclass(frozen=True)
class Graph:
    """One decomposable graph: edges as vertex pairs, cliques and separators as vertex bitmasks."""

    edges: tuple[tuple[int, int], ...]
    cliques: tuple[int, ...]
    separators: tuple[int, ...]

    def name(self, lists: tuple[str, ...]) -> str:
        """Cliques written as 'A*B + C' (one term per clique), as dga prints models."""
        terms = ["*".join(lists[j] for j in range(len(lists)) if c >> j & 1) for c in self.cliques]
        return " + ".join(sorted(terms, key=lambda t: (-len(t), t)))


@lru_cache(maxsize=8)
def decomposable_graphs(k: int) -> tuple[Graph, ...]:
    """Every decomposable graph on k vertices, the independence graph first."""
    pairs = list(combinations(range(k), 2))
    graphs = []
    for mask in range(2 ** len(pairs)):
        edges = tuple(p for b, p in enumerate(pairs) if mask >> b & 1)
        adjacency = _adjacency(k, edges)
        if _is_chordal(adjacency):
            cliques = _maximal_cliques(adjacency)
            graphs.append(Graph(edges, cliques, _separators(cliques)))
    return tuple(graphs)


def _adjacency(k: int, edges: tuple[tuple[int, int], ...]) -> tuple[int, ...]:
    neighbours = [0] * k
    for i, j in edges:
        neighbours[i] |= 1 << j
        neighbours[j] |= 1 << i
    return tuple(neighbours)


def _is_chordal(adjacency: tuple[int, ...]) -> bool:
    """A graph is chordal iff repeatedly removing simplicial vertices empties it."""
    remaining = (1 << len(adjacency)) - 1
    while remaining:
        for v in range(len(adjacency)):
            if remaining >> v & 1 and _is_clique(adjacency[v] & remaining, adjacency):
                remaining &= ~(1 << v)
                break
        else:
            return False
    return True


def _is_clique(vertices: int, adjacency: tuple[int, ...]) -> bool:
    members = [v for v in range(len(adjacency)) if vertices >> v & 1]
    return all(adjacency[a] >> b & 1 for a, b in combinations(members, 2))


def _maximal_cliques(adjacency: tuple[int, ...]) -> tuple[int, ...]:
    k = len(adjacency)
    complete = [s for s in range(1, 1 << k) if _is_clique(s, adjacency)]
    return tuple(s for s in complete if not any(t != s and t & s == s for t in complete))


def _separators(cliques: tuple[int, ...]) -> tuple[int, ...]:
    """Separators of a junction tree: a maximum spanning tree on clique-intersection sizes."""
    edges = sorted(
        ((bin(a & b).count("1"), i, j) for (i, a), (j, b) in combinations(enumerate(cliques), 2)),
        reverse=True,
    )
    group = list(range(len(cliques)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    found = []
    for _, i, j in edges:
        if root(i) != root(j):
            group[root(i)] = root(j)
            found.append(cliques[i] & cliques[j])
    return tuple(found)
