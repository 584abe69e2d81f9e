"""One door to the estimators: choose a method from plain options, fit each stratum, total them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np

from tollbook.errors import EstimationError, InputError
from tollbook.estimation.dga import DGAEstimator
from tollbook.estimation.histories import CaptureTable
from tollbook.estimation.lcmcr import LCMCREstimator
from tollbook.estimation.loglinear import LogLinearEstimator
from tollbook.estimation.result import EstimateResult, combine_strata

METHODS = ("loglinear", "dga", "lcmcr")
Estimator = LogLinearEstimator | DGAEstimator | LCMCREstimator


@dataclass(frozen=True)
class EstimateOptions:
    """Every choice a user can make, with the defaults the command line uses.

    The defaults are the reference settings: log-linear AIC selection up to two-way
    interactions; dga with delta = 2^-k and p(N) ~ 1/N; LCMCR with K = 10,
    alpha ~ Gamma(0.25, 0.25), 4 chains of 10,000 burn-in + 20,000 sweeps or more (doubled
    until they settle, when ``iterations`` is None), 2,000 draws kept per chain, label moves
    on, one thread per chain up to the number of cores.
    """

    method: str = "loglinear"
    level: float = 0.95
    seed: int | None = 0
    selection: str = "aic"
    model: str | None = None
    bootstrap: int = 0
    delta: float | None = None
    prior: str = "reciprocal"
    classes: int = 10
    iterations: int | None = None
    burn_in: int = 10_000
    thin: int | None = None
    chains: int = 4
    label_moves: bool = True
    jobs: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for storing with a run."""
        return asdict(self)


def make_estimator(options: EstimateOptions) -> Estimator:
    """The configured, unfitted estimator for ``options.method``."""
    if options.method == "loglinear":
        return LogLinearEstimator(
            selection=options.selection,
            model=options.model,
            level=options.level,
            bootstrap=options.bootstrap,
            seed=options.seed,
        )
    if options.method == "dga":
        return DGAEstimator(delta=options.delta, prior=options.prior, level=options.level, seed=options.seed)
    if options.method == "lcmcr":
        return LCMCREstimator(
            classes=options.classes,
            iterations=options.iterations,
            burn_in=options.burn_in,
            thin=options.thin,
            chains=options.chains,
            level=options.level,
            seed=options.seed,
            label_moves=options.label_moves,
            jobs=options.jobs,
        )
    raise InputError(f"unknown method {options.method!r}", hint=f"choose one of {', '.join(METHODS)}")


def estimate(table: CaptureTable, options: EstimateOptions) -> EstimateResult:
    """Fit the table (each stratum separately when it has strata, plus their total)."""
    if not table.stratum_names:
        return make_estimator(options).fit(table).result()
    parts = []
    for index, (label, part) in enumerate(table.by_stratum().items()):
        stratum = dict(zip(table.stratum_names, label, strict=True))
        try:
            result = make_estimator(replace(options, seed=stratum_seed(options.seed, index))).fit(part).result()
        except EstimationError as error:
            name = ", ".join(f"{k}={v}" for k, v in stratum.items())
            raise EstimationError(f"stratum {name}: {error.message}", hint=error.hint) from error
        result.stratum = stratum
        parts.append(result)
    return combine_strata(parts, table.digest(), list(table.stratum_names))


def stratum_seed(seed: int | None, index: int) -> int | None:
    """A distinct, reproducible seed per stratum.

    With one seed for all, every stratum would draw from the same random stream and their
    draws would move together, making the interval of the total too wide.
    """
    if seed is None:
        return None
    return int(np.random.SeedSequence([seed, index]).generate_state(1)[0] % 2**31)
