"""How good a linkage is against ground truth: pairwise and cluster-level precision/recall/F1.

Follows ``../shared/data/linkage/README.md`` so numbers are comparable: recall counts every
true pair (also those no blocking rule generated) and the cluster level compares the
number of persons found with the number of true entities and scores the pairs the
clusters imply.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of a set of pairs against the true pairs."""

    precision: float
    recall: float
    f1: float
    true_positives: int
    predicted: int
    actual: int

    def as_dict(self) -> dict[str, Any]:
        """Plain dict, for tables and JSON."""
        return asdict(self)


def _scores(tp: int, predicted: int, actual: int) -> Scores:
    precision = tp / predicted if predicted else 1.0
    recall = tp / actual if actual else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, tp, predicted, actual)


def _pairs_in_groups(labels: np.ndarray) -> int:
    _, counts = np.unique(labels, return_counts=True)
    return int((counts * (counts - 1) // 2).sum())


def cluster_scores(truth: np.ndarray, found: np.ndarray) -> Scores:
    """P/R/F1 of the pairs implied by clusters ``found`` against clusters ``truth``."""
    truth_codes = pd.factorize(pd.Series(truth))[0]
    found_codes = pd.factorize(pd.Series(found))[0]
    both = truth_codes.astype(np.int64) * (found_codes.max() + 1) + found_codes
    return _scores(_pairs_in_groups(both), _pairs_in_groups(found_codes), _pairs_in_groups(truth_codes))


def pairwise_scores(truth: np.ndarray, pairs: pd.DataFrame, threshold: float) -> Scores:
    """P/R/F1 of the scored pairs at ``threshold`` (ids index ``truth``) against all true pairs."""
    chosen = pairs.loc[pairs["match_probability"] >= threshold]
    left = truth[chosen["unique_id_l"].to_numpy()]
    right = truth[chosen["unique_id_r"].to_numpy()]
    tp = int((left == right).sum())
    return _scores(tp, len(chosen), _pairs_in_groups(pd.factorize(pd.Series(truth))[0]))


def person_count_error(truth: np.ndarray, found: np.ndarray) -> float:
    """(persons found − true persons) / true persons."""
    true_n = len(np.unique(truth))
    return (len(np.unique(found)) - true_n) / true_n
