"""``tollbook estimate`` and ``tollbook estimates`` as independent checks call them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tollbook.cli.main import app

runner = CliRunner()
TABLE = "A,B,C,count\n1,0,0,120\n0,1,0,100\n0,0,1,90\n1,1,0,30\n1,0,1,25\n0,1,1,20\n1,1,1,6\n"
STRATIFIED = "region,A,B,count\nnorth,1,0,60\nnorth,0,1,50\nnorth,1,1,20\nsouth,1,0,40\nsouth,0,1,45\nsouth,1,1,15\n"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "captures.csv"
    path.write_text(text)
    return path


def estimate_json(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["estimate", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_each_method_prints_the_contract_fields(tmp_path: Path) -> None:
    path = str(write(tmp_path, TABLE))
    lcmcr = ["--iterations", "2000", "--burn-in", "500", "--thin", "5"]
    for method, extra in (("loglinear", ["--selection", "bic"]), ("dga", []), ("lcmcr", lcmcr)):
        record = estimate_json(path, "--method", method, "--seed", "3", *extra)
        assert record["method"] == method
        assert record["observed"] == 391
        assert record["level"] == 0.95
        low, high = record["interval"]  # type: ignore[misc]
        assert 391 <= low <= record["estimate"] <= high  # type: ignore[operator]


def test_lcmcr_can_run_r_sampler_on_one_thread(tmp_path: Path) -> None:
    path = str(write(tmp_path, TABLE))
    short = ["--method", "lcmcr", "--iterations", "2000", "--burn-in", "500", "--thin", "5"]
    as_r = estimate_json(path, *short, "--no-label-moves", "--jobs", "1")
    assert as_r["parameters"]["label_moves"] is False  # type: ignore[index]
    assert estimate_json(path, *short)["parameters"]["label_moves"] is True  # type: ignore[index]


def test_level_and_strata(tmp_path: Path) -> None:
    record = estimate_json(str(write(tmp_path, STRATIFIED)), "--method", "loglinear", "--level", "0.9")
    assert record["level"] == 0.9
    strata = record["strata"]
    assert [s["stratum"] for s in strata] == [{"region": "north"}, {"region": "south"}]  # type: ignore[union-attr]
    assert record["total"]["observed"] == 230  # type: ignore[index]


def test_table_output_and_plots(tmp_path: Path) -> None:
    path = str(write(tmp_path, TABLE))
    result = runner.invoke(app, ["estimate", path, "--method", "dga", "--plot", str(tmp_path / "plots")])
    assert result.exit_code == 0, result.output
    assert "dga estimate" in result.stdout
    assert (tmp_path / "plots" / "estimate-dga-posterior.png").exists()


def test_bad_input_exits_with_a_clear_message(tmp_path: Path) -> None:
    path = str(write(tmp_path, "A,B,count\n1,2,3\n"))
    result = runner.invoke(app, ["estimate", path])
    assert result.exit_code != 0
    assert "not 0 or 1" in result.output
    result = runner.invoke(app, ["estimate", str(write(tmp_path, TABLE)), "--method", "petersen"])
    assert result.exit_code != 0 and "unknown method" in result.output


def test_stored_runs_are_listed(tmp_path: Path) -> None:
    casebook = str(tmp_path / "book.db")
    path = str(write(tmp_path, TABLE))
    result = runner.invoke(app, ["--casebook", casebook, "estimate", path, "--store", "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["--casebook", casebook, "estimates", "--format", "json"])
    [row] = json.loads(listed.stdout)
    assert row["method"] == "loglinear" and row["observed"] == 391
    shown = runner.invoke(app, ["--casebook", casebook, "estimates", str(row["id"])])
    assert json.loads(shown.stdout)["params"]["origin"] == "file captures.csv"
