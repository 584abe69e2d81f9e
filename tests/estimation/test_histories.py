"""Capture tables: reading CSVs, refusing bad ones clearly, and building from memberships."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tollbook.errors import DataFormatError, InputError
from tollbook.estimation.histories import CaptureTable, read_capture_csv


def write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_pattern_counts_are_read_and_merged(tmp_path: Path) -> None:
    table = read_capture_csv(write(tmp_path, "A,B,count\n1,0,5\n0,1,3\n1,1,2\n1,0,1\n"))
    assert table.lists == ("A", "B")
    assert table.observed == 11
    assert table.full_counts().tolist() == [0, 6, 3, 2]


def test_one_row_per_person(tmp_path: Path) -> None:
    table = read_capture_csv(write(tmp_path, "A,B,C\n1,0,0\n1,0,0\n0,1,1\n"))
    assert table.observed == 3
    assert dict(zip(map(tuple, table.patterns.tolist()), table.counts.tolist(), strict=True)) == {
        (1, 0, 0): 2,
        (0, 1, 1): 1,
    }


def test_leading_label_columns_are_strata(tmp_path: Path) -> None:
    text = "region,sex,A,B,count\nnorth,f,1,0,4\nnorth,f,1,1,1\nsouth,m,0,1,3\n"
    table = read_capture_csv(write(tmp_path, text))
    assert table.stratum_names == ("region", "sex")
    parts = table.by_stratum()
    assert set(parts) == {("north", "f"), ("south", "m")}
    assert parts[("south", "m")].observed == 3


def test_explicit_strata_may_be_numeric_codes(tmp_path: Path) -> None:
    table = read_capture_csv(write(tmp_path, "year,A,B,count\n1,1,0,4\n0,0,1,2\n1,1,1,1\n"), strata=["year"])
    assert table.lists == ("A", "B")
    assert set(table.by_stratum()) == {("1",), ("0",)}


@pytest.mark.parametrize(
    ("text", "fragment", "line"),
    [
        ("A,B,count\n1,2,3\n", "column 'B' holds '2'", 2),
        ("A,B,count\n1,0,4\n0,0,3\n", "all zeros", 3),
        ("A,B,count\n1,0,-4\n", "negative", 2),
        ("A,B,count\n1,0,2.5\n", "not a whole number", 2),
        ("A,B,count\n1,0,many\n", "not a whole number", 2),
        ("A,B,count\n1,0\n", "row has 2 cells", 2),
    ],
)
def test_bad_rows_name_file_line_and_fix(tmp_path: Path, text: str, fragment: str, line: int) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DataFormatError) as caught:
        read_capture_csv(path)
    assert fragment in caught.value.message
    assert f"{path}:{line}" in caught.value.message
    assert caught.value.hint


def test_one_list_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="at least two lists"):
        read_capture_csv(write(tmp_path, "A,count\n1,5\n"))


def test_empty_tables_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no rows"):
        read_capture_csv(write(tmp_path, "A,B,count\n"))
    with pytest.raises(InputError, match="empty"):
        read_capture_csv(write(tmp_path, "A,B,count\n1,0,0\n"))
    with pytest.raises(InputError, match="empty"):
        read_capture_csv(write(tmp_path, ""))


def test_missing_file_and_unknown_stratum(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_capture_csv(tmp_path / "absent.csv")
    with pytest.raises(InputError, match="stratum column"):
        read_capture_csv(write(tmp_path, "A,B,count\n1,0,1\n"), strata=["place"])


def test_memberships_build_the_same_table() -> None:
    memberships = {"p1": {"A"}, "p2": {"A", "B"}, "p3": {"B"}, "p4": {"A"}}
    table = CaptureTable.from_memberships(memberships, lists=["A", "B"])
    assert table.full_counts().tolist() == [0, 2, 1, 1]
    strata = {"p1": ("x",), "p2": ("x",), "p3": ("y",), "p4": ("y",)}
    split = CaptureTable.from_memberships(memberships, lists=["A", "B"], strata=strata, stratum_names=["place"])
    assert {k: v.observed for k, v in split.by_stratum().items()} == {("x",): 2, ("y",): 2}


def test_membership_on_unknown_list_is_refused() -> None:
    with pytest.raises(InputError, match="not among"):
        CaptureTable.from_memberships({"p": {"C"}}, lists=["A", "B"])


def test_digest_ignores_row_order_and_sees_changes() -> None:
    one = CaptureTable.build(["A", "B"], [[1, 0], [0, 1], [1, 1]], [3, 2, 1])
    two = CaptureTable.build(["A", "B"], [[1, 1], [1, 0], [0, 1]], [1, 3, 2])
    three = CaptureTable.build(["A", "B"], [[1, 1], [1, 0], [0, 1]], [1, 3, 3])
    assert one.digest() == two.digest() != three.digest()


patterns = st.lists(
    st.tuples(st.integers(0, 1), st.integers(0, 1), st.integers(0, 1), st.integers(1, 50)), min_size=1, max_size=20
).filter(lambda rows: any(r[:3] != (0, 0, 0) for r in rows))


@settings(max_examples=60, deadline=None)
@given(patterns)
def test_csv_round_trip(tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[int, int, int, int]]) -> None:
    rows = [r for r in rows if r[:3] != (0, 0, 0)]
    built = CaptureTable.build(["A", "B", "C"], [r[:3] for r in rows], [r[3] for r in rows])
    lines = ["A,B,C,count"] + [
        ",".join(map(str, (*p, c))) for p, c in zip(built.patterns.tolist(), built.counts.tolist(), strict=True)
    ]
    path = tmp_path_factory.mktemp("rt") / "t.csv"
    path.write_text("\n".join(lines) + "\n")
    again = read_capture_csv(path)
    assert again.digest() == built.digest()
    assert np.array_equal(again.full_counts(), built.full_counts())
