"""One door to the estimators: options, strata with their total, the JSON record, PNG plots."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tollbook.errors import EstimationError, InputError
from tollbook.estimation.histories import CaptureTable
from tollbook.estimation.plots import plot_result
from tollbook.estimation.run import EstimateOptions, estimate, make_estimator
from tollbook.estimation.simulate import PUBLISHED, PUBLISHED_LISTS, REGIMES, simulate

QUICK_LCMCR = {"iterations": 2000, "burn_in": 500, "thin": 5}


def stratified(rng: np.random.Generator) -> CaptureTable:
    north = simulate(1200, 3, "independent", rng)
    south = simulate(800, 3, "independent", rng)
    patterns = np.vstack([north.patterns, south.patterns])
    counts = np.concatenate([north.counts, south.counts])
    labels = [("north",)] * len(north.counts) + [("south",)] * len(south.counts)
    return CaptureTable.build(north.lists, patterns, counts, ["region"], labels)


@pytest.mark.parametrize("method", ["loglinear", "dga", "lcmcr"])
def test_strata_give_one_result_each_and_a_total(method: str) -> None:
    table = stratified(np.random.default_rng(4))
    result = estimate(table, EstimateOptions(method=method, **QUICK_LCMCR))
    assert [part.stratum for part in result.strata] == [{"region": "north"}, {"region": "south"}]
    assert result.observed == table.observed == sum(p.observed for p in result.strata)
    if method == "loglinear":
        assert result.estimate == pytest.approx(sum(p.estimate for p in result.strata))
    else:  # the posterior median of the total: the median of the summed draws
        assert result.draws is not None and result.estimate == np.median(result.draws)
        assert result.estimate == pytest.approx(sum(p.estimate for p in result.strata), rel=0.03)
    assert len({p.seed for p in result.strata}) == 2
    low, high = result.interval
    assert low < result.estimate < high
    record = result.to_dict()
    assert record["total"]["estimate"] == record["estimate"]
    assert len(record["strata"]) == 2 and record["strata"][0]["stratum"] == {"region": "north"}


def test_a_failing_stratum_is_named() -> None:
    patterns = [[1, 0, 0], [0, 1, 0], [1, 1, 0], [1, 0, 0], [0, 1, 0], [1, 1, 0], [0, 0, 1], [1, 0, 1], [0, 1, 1]]
    counts = [5, 4, 1, 300, 250, 80, 200, 60, 50]
    labels = [("small",)] * 3 + [("large",)] * 6
    table = CaptureTable.build(["A", "B", "C"], patterns, counts, ["region"], labels)
    with pytest.raises(EstimationError, match="stratum region=small"):
        estimate(table, EstimateOptions(method="loglinear"))
    assert estimate(table, EstimateOptions(method="dga")).observed == sum(counts)


def test_json_record_follows_the_command_contract() -> None:
    table = simulate(1000, 3, "independent", np.random.default_rng(8))
    record = estimate(table, EstimateOptions(method="dga", level=0.9)).to_dict()
    assert record["method"] == "dga"
    assert record["observed"] == table.observed
    assert record["level"] == 0.9
    assert len(record["interval"]) == 2 and record["interval"][0] <= record["estimate"] <= record["interval"][1]


def test_unknown_method_and_regime_are_refused() -> None:
    with pytest.raises(InputError, match="unknown method"):
        make_estimator(EstimateOptions(method="petersen"))
    with pytest.raises(InputError, match="unknown regime"):
        simulate(100, 3, "open", np.random.default_rng(0))
    assert REGIMES == ("independent", "moderate", "heterogeneous", "dependent")


def test_the_hard_group_is_seen_more_often_when_heterogeneity_is_moderate() -> None:
    seen = {regime: simulate(20_000, 3, regime, np.random.default_rng(9)).observed for regime in REGIMES[1:3]}
    assert seen["moderate"] > seen["heterogeneous"]


def test_plots_are_png_files(tmp_path: Path) -> None:
    table = simulate(1000, 4, "heterogeneous", np.random.default_rng(2))
    result = estimate(table, EstimateOptions(method="lcmcr", **QUICK_LCMCR))
    written = plot_result(result, tmp_path)
    assert sorted(p.name for p in written) == ["estimate-lcmcr-posterior.png", "estimate-lcmcr-trace.png"]
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in written)


def test_strata_plots_are_named_by_stratum(tmp_path: Path) -> None:
    result = estimate(stratified(np.random.default_rng(1)), EstimateOptions(method="dga"))
    names = {p.name for p in plot_result(result, tmp_path)}
    assert "estimate-north-dga-posterior.png" in names and "estimate-dga-posterior.png" in names


def test_the_published_design_leaves_about_two_people_in_three_unseen() -> None:
    table = simulate(20_000, PUBLISHED_LISTS, PUBLISHED, np.random.default_rng(4))
    # 0.9 x (1 - 0.033)^3 (1 - 0.099)(1 - 0.132) + 0.1 x (0.34 x 0.175 x 0.241 x 0.01 x 0.307) = 0.636 unseen
    assert abs(table.observed / 20_000 - 0.364) < 0.012


def test_the_published_design_is_only_defined_for_five_lists() -> None:
    with pytest.raises(InputError, match="published design has 5 lists"):
        simulate(100, 4, PUBLISHED, np.random.default_rng(0))
