"""The rules over the model: relatives with different given names or ages stay apart; identifiers win."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tollbook.victims.features import build_features
from tollbook.victims.fields import map_columns
from tollbook.victims.persons import cluster
from tollbook.victims.veto import vetoed

COLUMNS = ["given_name", "family_name", "birth_date", "date_of_death", "age"]


def _veto(left: list[str], right: list[str], model: dict[str, object] | None = None) -> bool:
    raw = pd.DataFrame([left, right], columns=COLUMNS)
    features = build_features(raw, map_columns(COLUMNS))
    pairs = pd.DataFrame({"unique_id_l": [0], "unique_id_r": [1]})
    return bool(vetoed(pairs, features, model)[0])


def test_brothers_whose_names_share_a_consonant_key_stay_apart() -> None:
    assert _veto(["محمد", "خطيب", "", "2014-09-30", ""], ["محمود", "خطيب", "", "2014-09-30", ""])
    assert _veto(["Mohamed", "Khatib", "", "2014-09-30", ""], ["محمود", "خطيب", "", "2014-09-30", ""])
    assert _veto(["حسن", "علي", "", "2013-01-02", ""], ["حسين", "علي", "", "2013-01-02", ""])


def test_spellings_transliterations_and_nicknames_of_one_name_are_not_vetoed() -> None:
    assert not _veto(["Mohammad", "Khatib", "", "2014-09-30", ""], ["محمد", "خطيب", "", "2014-09-30", ""])
    assert not _veto(["Youssef", "Dib", "", "2016-08-12", ""], ["Yusuf", "Dib", "", "2016-08-12", ""])
    assert not _veto(["Hamoudeh", "Khatib", "", "2014-09-30", ""], ["محمد", "خطيب", "", "2014-09-30", ""])


def test_a_parent_and_child_of_one_name_killed_together_stay_apart() -> None:
    assert _veto(["Ali", "Hasan", "", "2015-03-02", "61"], ["Ali", "Hasan", "", "2015-03-02", "19"])
    assert not _veto(["Ali", "Hasan", "", "2015-03-02", "61"], ["Ali", "Hasan", "", "2015-03-02", "60"])


def test_a_shared_date_of_birth_lifts_the_veto_and_lists_without_deaths_are_left_to_the_model() -> None:
    assert not _veto(["Isabela", "Singleton", "19071228", "2014-01-01", ""], ["Rachel", "Singleton", "19071228",
                                                                              "2014-01-01", ""])  # fmt: skip
    assert not _veto(["Monique", "Cavanaugh", "", "", ""], ["Nicholas", "Cavanaugh", "", "", ""])


def test_clusters_never_join_records_that_are_kept_apart() -> None:
    pairs = pd.DataFrame({
        "unique_id_l": [0, 1, 0], "unique_id_r": [1, 2, 2],
        "match_probability": [0.99, 0.95, 0.97], "vetoed": [False, False, True],
    })  # fmt: skip
    persons = cluster(3, pairs, 0.9)
    assert persons[0] == persons[1] != persons[2]
    assert np.array_equal(cluster(3, pairs.assign(vetoed=False), 0.9), [0, 0, 0])
