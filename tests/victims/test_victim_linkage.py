"""Linkage end to end on generated lists: quality, the dedupe command contract, decisions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from tollbook.cli.main import app
from tollbook.victims.dedupe import dedupe
from tollbook.victims.fields import map_columns
from tollbook.victims.generator import generate, write_lists
from tollbook.victims.persons import cluster
from tollbook.victims.scoring import cluster_scores


@pytest.fixture(scope="module")
def linked(small_world: pd.DataFrame):  # type: ignore[no-untyped-def]
    return dedupe(small_world, map_columns(list(small_world.columns)), threshold=0.99)


def test_generated_lists_link_well(small_world: pd.DataFrame, linked) -> None:  # type: ignore[no-untyped-def]
    truth = small_world["true_id"].to_numpy()
    scores = cluster_scores(truth, linked.records["person_id"].to_numpy())
    assert scores.f1 > 0.85
    assert abs(linked.persons - len(set(truth))) <= 0.1 * len(set(truth))
    assert "true_id" in linked.columns.dropped


def test_generator_is_seeded() -> None:
    assert generate(50, seed=3).equals(generate(50, seed=3))
    assert not generate(50, seed=3).equals(generate(50, seed=4))


def test_decisions_force_and_cut_links() -> None:
    pairs = pd.DataFrame({"unique_id_l": [0, 1], "unique_id_r": [1, 2], "match_probability": [0.99, 0.99]})
    assert len(set(cluster(4, pairs, 0.9))) == 2
    assert len(set(cluster(4, pairs, 0.9, cut=[(2, 1)]))) == 3
    assert len(set(cluster(4, pairs, 0.9, forced=[(3, 0)]))) == 1


def test_saved_model_reproduces_the_persons(small_world: pd.DataFrame, linked, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "model.json"
    linked.model.save(path)
    from tollbook.victims.linkage import LinkageModel

    again = dedupe(small_world, linked.columns, threshold=0.99, model=LinkageModel.load(path))
    assert np.array_equal(again.records["person_id"], linked.records["person_id"])


def test_dedupe_command_contract(tmp_path: Path) -> None:
    frame = generate(120, seed=5)
    write_lists(frame, tmp_path)
    renamed = pd.read_csv(tmp_path / "all.csv", dtype=str, keep_default_na=False).rename(
        columns={"given_name": "Vorname", "record_id": "key"}
    )
    renamed.to_csv(tmp_path / "input.csv", index=False)
    out = tmp_path / "persons.csv"
    result = CliRunner().invoke(
        app,
        ["dedupe", str(tmp_path / "input.csv"), "--out", str(out), "--map", "given_name=Vorname",
         "--map", "record_id=key", "--threshold", "0.95"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = pd.read_csv(out, dtype=str)
    assert list(written.columns[:2]) == ["record_id", "person_id"]
    assert sorted(written["record_id"]) == sorted(renamed["key"])


def test_dedupe_command_reports_a_bad_map(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,name\n1,Ahmad\n", encoding="utf-8")
    arguments = ["dedupe", str(path), "--out", str(tmp_path / "o.csv"), "--map", "given_name=nope"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code != 0


@pytest.mark.parametrize("rows", ["", "1,John\n", "1,John\n2,Jon\n3,Mary\n"])
def test_small_and_sparse_files_still_give_every_record_a_person(rows: str, tmp_path: Path) -> None:
    path = tmp_path / "few.csv"
    path.write_text("id,first_name\n" + rows, encoding="utf-8")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["dedupe", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = pd.read_csv(out, dtype=str)
    assert len(written) == rows.count("\n")
    assert written["person_id"].notna().all()


def test_reviewed_matches_can_train_the_model(small_world: pd.DataFrame) -> None:
    from tollbook.victims.features import build_features
    from tollbook.victims.linkage import LinkageModel

    features = build_features(small_world, map_columns(list(small_world.columns)))
    truth = small_world["true_id"].to_numpy()
    groups = pd.Series(range(len(truth))).groupby(truth).agg(list)
    same = [(g[0], g[1]) for g in groups if len(g) > 1][:40]
    assert len(same) == 40
    labels = pd.DataFrame(same, columns=["unique_id_l", "unique_id_r"]).assign(clerical_match_score=1.0)
    model = LinkageModel().fit(features, labels)
    assert model.model_ is not None and model.model_["comparisons"]


def test_the_command_default_threshold_is_the_library_default() -> None:
    """The benchmark scores DEFAULT_THRESHOLD; an independent check runs the command's default."""
    import inspect

    from tollbook.cli import victims as commands
    from tollbook.victims.dedupe import DEFAULT_THRESHOLD

    assert inspect.signature(commands.dedupe).parameters["threshold"].default == DEFAULT_THRESHOLD
    assert inspect.signature(commands.link).parameters["threshold"].default == DEFAULT_THRESHOLD


def test_unseen_person_data_through_the_command(shared_data: Path, tmp_path: Path) -> None:
    """Splink's fake_1000 renamed, mapped by --map as a stranger would write it, scored from the output."""
    frame = pd.read_csv(shared_data / "linkage" / "splink_fake_1000" / "fake_1000.csv", dtype=str,
                        keep_default_na=False)  # fmt: skip
    renamed = frame.drop(columns=["true_id"]).rename(columns={"first_name": "First", "email": "Contact"})
    renamed.to_csv(tmp_path / "people.csv", index=False)
    out = tmp_path / "persons.csv"
    arguments = ["dedupe", str(tmp_path / "people.csv"), "--out", str(out), "--map", "first_name=First",
                 "--map", "email=Contact"]  # fmt: skip
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    written = pd.read_csv(out, dtype=str)
    truth = frame.set_index("unique_id")["true_id"].loc[written["record_id"]].to_numpy()
    scores = cluster_scores(truth, written["person_id"].to_numpy())
    assert scores.f1 >= 0.95
    assert abs(written["person_id"].nunique() - 251) <= 0.05 * 251
