"""The record of one estimate: enough to print it, store it and run it again to the same number.

Every estimator produces an :class:`EstimateResult` carrying the method, its parameters and
seed, the sha256 of the canonical capture table, the versions of the software that computed
it, the number itself with its interval, diagnostics and warnings. Strata give one result
each plus a total (:func:`combine_strata`).
"""

from __future__ import annotations

import platform
from dataclasses import dataclass, field
from importlib import metadata
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt
from scipy import special

from tollbook import __version__
from tollbook.errors import InputError

if TYPE_CHECKING:
    from tollbook.estimation.histories import CaptureTable

BAYESIAN = ("dga", "lcmcr")


def software_versions() -> dict[str, str]:
    """Versions that can change a number: ours, Python, and the numerical libraries."""
    versions = {"tollbook": __version__, "python": platform.python_version()}
    for package in ("numpy", "scipy", "statsmodels", "numba"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "absent"
    return versions


class FittedEstimator(Protocol):
    """What every fitted estimator exposes, whatever its method (read-only, so subtypes may narrow)."""

    @property
    def method(self) -> str: ...
    @property
    def seed(self) -> int | None: ...
    @property
    def level(self) -> float: ...
    @property
    def table_(self) -> CaptureTable: ...
    @property
    def observed_(self) -> int: ...
    @property
    def estimate_(self) -> float: ...
    @property
    def interval_(self) -> tuple[float, float]: ...
    @property
    def warnings_(self) -> list[str]: ...


@dataclass
class EstimateResult:
    """One population estimate and everything needed to trust and reproduce it."""

    method: str
    parameters: dict[str, Any]
    seed: int | None
    data_hash: str
    lists: list[str]
    observed: int
    estimate: float
    interval: tuple[float, float]
    level: float
    diagnostics: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=software_versions)
    stratum: dict[str, str] | None = None
    strata: list[EstimateResult] = field(default_factory=list)
    draws: npt.NDArray[np.float64] | None = field(default=None, repr=False)
    traces: npt.NDArray[np.float64] | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the command contract: total fields on top, strata listed inside."""
        record: dict[str, Any] = {
            "method": self.method,
            "observed": self.observed,
            "estimate": _number(self.estimate),
            "interval": [_number(self.interval[0]), _number(self.interval[1])],
            "level": self.level,
            "unobserved": _number(self.estimate - self.observed),
            "lists": self.lists,
            "parameters": self.parameters,
            "seed": self.seed,
            "data_hash": self.data_hash,
            "versions": self.versions,
            "diagnostics": self.diagnostics,
            "warnings": self.warnings,
        }
        if self.stratum is not None:
            record["stratum"] = self.stratum
        if self.strata:
            record["strata"] = [s.to_dict() for s in self.strata]
            record["total"] = {key: record[key] for key in ("observed", "estimate", "interval", "level")}
        return record


def _number(value: float) -> float | None:
    """Round for print; JSON has no infinity, so an unbounded end is null."""
    return round(float(value), 2) if np.isfinite(value) else None


def combine_strata(parts: list[EstimateResult], data_hash: str, stratum_names: list[str]) -> EstimateResult:
    """Total of per-stratum estimates with an interval for the total.

    When every stratum has draws (posterior draws, or bootstrap replicates) they are summed
    index by index — strata are independent and seeded apart, so these are draws of the total —
    and the interval is their equal-tailed quantiles. The total's estimate is the sum of the
    stratum MLEs for log-linear models (the MLE of a sum of independent parts) and the median
    of the summed draws for the Bayesian methods (the posterior median of the total, which the
    sum of stratum medians is not when posteriors are skewed). Without draws each stratum
    interval is read as a normal one (half-width / z) and the variances are added.
    """
    first = parts[0]
    level = first.level
    estimate = float(sum(p.estimate for p in parts))
    draws = _summed_draws(parts)
    if draws is not None:
        tail = (1 - level) / 2
        interval = (float(np.quantile(draws, tail)), float(np.quantile(draws, 1 - tail)))
        if first.method in BAYESIAN:
            estimate = float(np.median(draws))
        how = "sum of per-stratum draws"
    else:
        z = special.ndtri(0.5 + level / 2)
        spread = np.sqrt(sum(((p.interval[1] - p.interval[0]) / (2 * z)) ** 2 for p in parts))
        interval = (max(estimate - z * spread, float(sum(p.observed for p in parts))), estimate + z * spread)
        how = "normal approximation: per-stratum interval half-widths combined in quadrature"
    return EstimateResult(
        method=first.method,
        parameters=first.parameters,
        seed=first.seed,
        data_hash=data_hash,
        lists=first.lists,
        observed=sum(p.observed for p in parts),
        estimate=estimate,
        interval=interval,
        level=level,
        diagnostics={"total_interval": how, "stratum_columns": stratum_names},
        warnings=[f"{_label(p)}: {w}" for p in parts for w in p.warnings],
        strata=parts,
        draws=draws,
    )


def _summed_draws(parts: list[EstimateResult]) -> npt.NDArray[np.float64] | None:
    if any(p.draws is None or len(p.draws) == 0 for p in parts):
        return None
    size = min(len(p.draws) for p in parts if p.draws is not None)
    return np.sum([p.draws[:size] for p in parts if p.draws is not None], axis=0)


def _label(part: EstimateResult) -> str:
    return "/".join(part.stratum.values()) if part.stratum else "table"


def fitted_result(
    fitted: FittedEstimator, parameters: dict[str, Any], *, diagnostics: dict[str, Any], **extra: Any
) -> EstimateResult:
    """The fields every estimator fills the same way, written once so the three methods cannot drift apart."""
    return EstimateResult(
        method=fitted.method,
        parameters=parameters,
        seed=fitted.seed,
        data_hash=fitted.table_.digest(),
        lists=list(fitted.table_.lists),
        observed=fitted.observed_,
        estimate=fitted.estimate_,
        interval=fitted.interval_,
        level=fitted.level,
        diagnostics=diagnostics,
        warnings=list(fitted.warnings_),
        **extra,
    )


def check_level(level: float) -> None:
    """Every estimator refuses an interval level outside (0, 1) with the same message."""
    if not 0 < level < 1:
        raise InputError(f"level {level} is not between 0 and 1", hint="use e.g. --level 0.95")
