"""Log-linear design matrices over the 2^k capture cells, and the MLE existence test.

A hierarchical model with at most two-way interactions is named by the list pairs it links
(main effects are always in). Whether its maximum-likelihood estimate exists is decided by a
linear programme on the design (Fienberg & Rinaldo 2012), not by watching a GLM fail to converge.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import numpy.typing as npt
from scipy.optimize import linprog

from tollbook.errors import InputError

Pair = tuple[int, int]


def cell_patterns(k: int) -> npt.NDArray[np.int8]:
    """The 2^k patterns as rows; row index = sum of 2^j over lists j present."""
    codes = np.arange(2**k)
    return ((codes[:, None] >> np.arange(k)) & 1).astype(np.int8)


def design_matrix(k: int, pairs: tuple[Pair, ...]) -> npt.NDArray[np.float64]:
    """Intercept, k main effects, then one column per interaction pair, for all 2^k cells."""
    cells = cell_patterns(k).astype(np.float64)
    columns = [np.ones(2**k), *cells.T, *(cells[:, i] * cells[:, j] for i, j in pairs)]
    return np.column_stack(columns)


def all_pairs(k: int) -> tuple[Pair, ...]:
    """Every two-way interaction among k lists."""
    return tuple(combinations(range(k), 2))


def model_name(lists: tuple[str, ...], pairs: tuple[Pair, ...]) -> str:
    """Human name of a model: 'independence' or 'A:B + B:C' (main effects implied)."""
    if not pairs:
        return "independence"
    return " + ".join(f"{lists[i]}:{lists[j]}" for i, j in pairs)


def parse_model(text: str, lists: tuple[str, ...]) -> tuple[Pair, ...]:
    """Read 'c1:c2 + c3:c4' (or 'independence') into pairs of list indices."""
    cleaned = text.replace("main effects", "").replace("main", "")
    terms = [t.strip() for t in cleaned.replace(",", "+").split("+") if t.strip()]
    pairs: list[Pair] = []
    for term in terms:
        if term in ("independence", "1"):
            continue
        names = [n.strip() for n in term.split(":")]
        unknown = [n for n in names if n not in lists]
        if len(names) != 2 or unknown:
            raise InputError(
                f"model term {term!r} is not a two-way interaction of known lists",
                hint=f"write terms like {lists[0]}:{lists[1]} joined by '+'; lists are {', '.join(lists)}",
            )
        i, j = sorted(lists.index(n) for n in names)
        if i == j:
            raise InputError(f"model term {term!r} pairs a list with itself", hint="name two different lists")
        pairs.append((i, j))
    return tuple(sorted(set(pairs)))


def mle_problem(design: npt.NDArray[np.float64], counts: npt.NDArray[np.float64]) -> str | None:
    """Why the Poisson MLE on the observed cells fails to exist or identify N, or None if it is fine.

    Observed cells are rows 1..2^k-1. Non-identifiable: the columns are rank-deficient there.
    Non-existent: some direction d keeps X d = 0 on positive cells and X d <= 0, not all zero,
    on empty cells — the likelihood then keeps rising along d (a parameter runs to -infinity).
    """
    x = design[1:]
    y = counts[1:]
    if np.linalg.matrix_rank(x) < x.shape[1]:
        return "not identifiable: the model has more parameters than the observed cells can determine"
    zero = y == 0
    if not zero.any():
        return None
    objective = x[zero].sum(axis=0)
    bounds_rows = np.vstack([x[zero], -x[zero]])
    bounds_rhs = np.concatenate([np.zeros(zero.sum()), np.ones(zero.sum())])
    result = linprog(
        objective,
        A_ub=bounds_rows,
        b_ub=bounds_rhs,
        A_eq=x[~zero],
        b_eq=np.zeros((~zero).sum()),
        bounds=[(None, None)] * x.shape[1],
        method="highs",
    )
    if result.status == 0 and -result.fun > 1e-7:
        return "MLE does not exist: empty cells force an interaction parameter to minus infinity"
    return None
