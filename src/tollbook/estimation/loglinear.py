"""Log-linear capture–recapture: Poisson GLMs over the capture cells, chosen by AIC or BIC."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import statsmodels.api as sm
from scipy import optimize, special, stats

from tollbook.errors import EstimationError, InputError
from tollbook.estimation import design
from tollbook.estimation.checks import fit_warnings, table_warnings
from tollbook.estimation.histories import CaptureTable
from tollbook.estimation.result import EstimateResult, check_level, fitted_result

EXHAUSTIVE_MAX_LISTS = 5
MAX_LISTS = 10


@dataclass(frozen=True)
class ModelFit:
    """One fitted candidate: its interaction pairs, fit criteria and the unseen-cell estimate."""

    pairs: tuple[design.Pair, ...]
    name: str
    parameters: int
    loglik: float
    aic: float
    bic: float
    unseen: float
    problem: str | None = None


class LogLinearEstimator:
    r"""Hierarchical log-linear models for k lists (Fienberg 1972; Rcapture's ``closedpMS.t``).

    The 2^k - 1 observed cell counts :math:`y_\omega` are Poisson with

    .. math:: \log \mu_\omega = u + \sum_j u_j \omega_j + \sum_{(i,j) \in M} u_{ij} \omega_i \omega_j

    for a set M of list pairs (dependence between two lists). The unseen cell has
    :math:`\omega = 0`, so its expected count is :math:`e^{u}` and :math:`\hat N = n + e^{\hat u}`:
    the model is extrapolated to the one cell no list can see. The key, untestable assumption is
    that there is no k-way (here: no three-way and higher) interaction.

    Model choice: every main-effects-plus-pairs model (2^(k(k-1)/2) of them, k <= 5; forward
    stepwise for 6 to 10 lists) is fitted and ranked by AIC = -2 log L + 2p or
    BIC = -2 log L + p log n. Models whose MLE does not exist (an interaction driven to minus
    infinity by empty cells, checked by linear programming) are skipped with a warning, or raise
    :class:`EstimationError` if the user forced them with ``model``.

    Interval: profile likelihood over N (as Rcapture's ``closedpCI.t``). For each candidate N
    the full table with N - n in the unseen cell is refitted; the multinomial log-likelihood

    .. math:: \ell(N) = \log N! - \log (N-n)! + \sum_\omega y_\omega \log(\hat\mu_\omega / N)

    is compared with its maximum and the interval is
    :math:`\{N : 2(\ell(\hat N) - \ell(N)) \le \chi^2_{1,\text{level}}\}`. With ``bootstrap=B``
    a parametric bootstrap of the chosen model (multinomial on the fitted cell probabilities,
    model kept fixed) gives a percentile interval and draws for combining strata.
    """

    method = "loglinear"

    def __init__(
        self,
        selection: str = "aic",
        model: str | None = None,
        level: float = 0.95,
        bootstrap: int = 0,
        seed: int | None = None,
    ) -> None:
        if selection not in ("aic", "bic"):
            raise InputError(f"selection {selection!r} is not aic or bic", hint="use --selection aic or bic")
        check_level(level)
        self.selection = selection
        self.model = model
        self.level = level
        self.bootstrap = bootstrap
        self.seed = seed

    def fit(self, table: CaptureTable) -> LogLinearEstimator:
        """Check the table, choose (or take) the model, estimate N and its interval; return self."""
        if table.k > MAX_LISTS:
            raise EstimationError(
                f"log-linear models over {table.k} lists need 2^{table.k} cells",
                hint=f"use at most {MAX_LISTS} lists (merge some), or --method lcmcr",
            )
        self.table_ = table
        self.counts_ = table.full_counts()
        self.warnings_ = table_warnings(table)
        self.models_ = self._candidates(table)
        chosen = self._choose()
        self.chosen_ = chosen
        self.observed_ = table.observed
        self.estimate_ = table.observed + chosen.unseen
        self.interval_ = self._profile_interval(chosen.pairs)
        self.draws_: npt.NDArray[np.float64] | None = None
        if self.bootstrap > 0:
            self.draws_ = self._bootstrap(chosen)
            tail = (1 - self.level) / 2
            self.interval_ = (float(np.quantile(self.draws_, tail)), float(np.quantile(self.draws_, 1 - tail)))
        self.warnings_ += fit_warnings(table.observed, self.estimate_, self.interval_)
        return self

    def _candidates(self, table: CaptureTable) -> list[ModelFit]:
        if self.model is not None:
            pairs = design.parse_model(self.model, table.lists)
            fit = self._fit_model(pairs)
            if fit.problem:
                raise EstimationError(
                    f"model {fit.name}: {fit.problem}",
                    hint="drop the interactions of lists that never overlap, or let AIC choose",
                )
            return [fit]
        if table.k > EXHAUSTIVE_MAX_LISTS:
            return self._stepwise()
        pairs = design.all_pairs(table.k)
        fits = []
        for mask in range(2 ** len(pairs)):
            chosen = tuple(p for b, p in enumerate(pairs) if mask >> b & 1)
            fits.append(self._fit_model(chosen))
        return fits

    def _stepwise(self) -> list[ModelFit]:
        """Forward selection of pairs for many lists, where all models are too many to fit."""
        current = self._fit_model(())
        fits = [current]
        while True:
            trial = [
                self._fit_model(tuple(sorted((*current.pairs, p))))
                for p in design.all_pairs(self.table_.k)
                if p not in current.pairs
            ]
            trial = [f for f in trial if f.problem is None]
            fits += trial
            better = min(trial, key=self._score, default=None)
            if better is None or self._score(better) >= self._score(current):
                return fits
            current = better

    def _score(self, fit: ModelFit) -> float:
        return fit.aic if self.selection == "aic" else fit.bic

    def _choose(self) -> ModelFit:
        usable = [f for f in self.models_ if f.problem is None]
        skipped = [f for f in self.models_ if f.problem is not None]
        if skipped:
            self.warnings_.append(
                f"{len(skipped)} candidate model(s) skipped because their MLE does not exist or is not "
                f"identifiable (e.g. {skipped[0].name})"
            )
        if not usable:
            raise EstimationError(
                "no log-linear model has an existing MLE for this table",
                hint="the lists barely overlap; try --method dga or lcmcr, or merge lists",
            )
        return min(usable, key=self._score)

    def _fit_model(self, pairs: tuple[design.Pair, ...]) -> ModelFit:
        matrix = design.design_matrix(self.table_.k, pairs)
        name = design.model_name(self.table_.lists, pairs)
        problem = design.mle_problem(matrix, self.counts_)
        if problem:
            nan = float("nan")
            return ModelFit(pairs, name, matrix.shape[1], nan, nan, nan, nan, problem)
        result = _poisson(matrix[1:], self.counts_[1:])
        loglik = float(result.llf)
        p = matrix.shape[1]
        return ModelFit(
            pairs=pairs,
            name=name,
            parameters=p,
            loglik=loglik,
            aic=-2 * loglik + 2 * p,
            bic=-2 * loglik + p * np.log(self.table_.observed),
            unseen=float(np.exp(result.params[0])),
        )

    def _profile_loglik(self, matrix: npt.NDArray[np.float64], total: float) -> float:
        """Multinomial log-likelihood of N = total, maximised over the model parameters."""
        counts = self.counts_.copy()
        counts[0] = total - self.table_.observed
        fitted = _poisson(matrix, counts).fittedvalues
        return float(
            special.gammaln(total + 1) - special.gammaln(counts[0] + 1) + np.sum(counts * np.log(fitted / total))
        )

    def _profile_interval(self, pairs: tuple[design.Pair, ...]) -> tuple[float, float]:
        matrix = design.design_matrix(self.table_.k, pairs)
        n = float(self.table_.observed)
        best = self.estimate_
        top = self._profile_loglik(matrix, best)
        drop = stats.chi2.ppf(self.level, 1) / 2

        def gap(total: float) -> float:
            return self._profile_loglik(matrix, total) - (top - drop)

        low = n + 1e-6 if gap(n + 1e-6) >= 0 else optimize.brentq(gap, n + 1e-6, best, xtol=0.01)
        high_edge = best
        for _ in range(60):
            high_edge = n + 2 * (high_edge - n) + 1
            if gap(high_edge) < 0:
                return float(low), float(optimize.brentq(gap, best, high_edge, xtol=0.01))
        return float(low), float("inf")

    def _bootstrap(self, chosen: ModelFit) -> npt.NDArray[np.float64]:
        matrix = design.design_matrix(self.table_.k, chosen.pairs)
        rng = np.random.default_rng(self.seed)
        counts = self.counts_.copy()
        counts[0] = chosen.unseen
        probs = _poisson(matrix, counts).fittedvalues
        probs = probs / probs.sum()
        size = round(self.estimate_)
        draws = []
        for _ in range(self.bootstrap):
            sample = rng.multinomial(size, probs).astype(float)
            sample[0] = 0
            if design.mle_problem(matrix, sample) is None:
                fitted = _poisson(matrix[1:], sample[1:])
                draws.append(sample.sum() + float(np.exp(fitted.params[0])))
        if len(draws) < 0.9 * self.bootstrap:
            self.warnings_.append(f"{self.bootstrap - len(draws)} bootstrap samples had no MLE and were dropped")
        return np.asarray(draws)

    @property
    def summary(self) -> pd.DataFrame:
        """Candidate models ranked by the selection criterion, the chosen one first."""
        rows = [
            {
                "model": f.name,
                "parameters": f.parameters,
                "loglik": f.loglik,
                "aic": f.aic,
                "bic": f.bic,
                "estimate": self.table_.observed + f.unseen,
                "problem": f.problem or "",
            }
            for f in self.models_
        ]
        frame = pd.DataFrame(rows)
        return frame.sort_values(self.selection, na_position="last").reset_index(drop=True)

    def result(self) -> EstimateResult:
        """The reproducible record of this fit."""
        parameters: dict[str, Any] = {
            "selection": self.selection,
            "model": self.model,
            "bootstrap": self.bootstrap,
            "max_interaction": 2,
        }
        best = self.summary.head(5)
        return fitted_result(
            self,
            parameters,
            diagnostics={
                "model": self.chosen_.name,
                "aic": self.chosen_.aic,
                "bic": self.chosen_.bic,
                "interval_method": "parametric bootstrap (percentile)" if self.bootstrap else "profile likelihood",
                "models_considered": len(self.models_),
                "top_models": best[["model", "aic", "bic", "estimate"]].to_dict(orient="records"),
            },
            draws=self.draws_,
        )


def _poisson(matrix: npt.NDArray[np.float64], counts: npt.NDArray[np.float64]) -> Any:
    """statsmodels Poisson GLM; its convergence chatter is turned into our own checks."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return sm.GLM(counts, matrix, family=sm.families.Poisson()).fit(tol=1e-10, maxiter=200)
        except (ValueError, np.linalg.LinAlgError) as error:
            raise EstimationError(
                f"the Poisson model could not be fitted: {error}", hint="the table may be too sparse for this model"
            ) from error
