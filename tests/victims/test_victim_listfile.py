"""List files: column mapping, row problems reported as file:line, good rows kept."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tollbook.errors import DataFormatError, InputError
from tollbook.victims.dates import PartialDate, parse_partial_date
from tollbook.victims.features import build_features
from tollbook.victims.fields import map_columns, parse_map_options
from tollbook.victims.listfile import check_rows, read_table


def test_auto_detection_and_truth_columns_dropped() -> None:
    columns = map_columns(["unique_id", "first_name", "surname", "dob", "city", "email", "true_id", "cluster"])
    assert columns.fields == {"record_id": "unique_id", "given_name": "first_name", "family_name": "surname",
                              "birth_date": "dob", "place": "city"}  # fmt: skip
    assert columns.extras == ("email",)
    assert set(columns.dropped) == {"true_id", "cluster"}


def test_explicit_map_wins_and_a_missing_column_is_refused() -> None:
    columns = map_columns(["A", "B"], parse_map_options(["given_name=A", "family_name=B"]))
    assert columns.column("given_name") == "A"
    with pytest.raises(InputError, match="no column 'Z'"):
        map_columns(["A"], {"given_name": "Z"})
    with pytest.raises(InputError, match="not FIELD=COLUMN"):
        parse_map_options(["given_name"])


def test_map_accepts_aliases_reversed_options_and_fields_we_do_not_know() -> None:
    """Whoever writes --map has not read our field list: every plausible reading works."""
    header = ["ID", "First", "Family", "Born", "E-mail", "pc", "true_id"]
    options = ["first_name=First", "Family=surname", "dob=Born", "record_id=ID", "email=E-mail", "postcode=pc"]
    columns = map_columns(header, parse_map_options(options))
    assert columns.fields == {"given_name": "First", "family_name": "Family", "birth_date": "Born",
                              "record_id": "ID"}  # fmt: skip
    assert columns.compared == ("E-mail", "pc")
    assert set(columns.extras) == {"E-mail", "pc"}
    assert columns.dropped == ("true_id",)
    named = map_columns(["first_name", "city"], parse_map_options(["town_of_birth=city"]))
    assert named.column("place") is None and named.extras == ("city",)


def test_an_e_mail_column_is_compared_by_its_user_part() -> None:
    raw = pd.DataFrame({"first_name": ["Ann", "Ann", "Bob"], "contact": ["a.b@x.com", "a.b@y.org", "c.d@x.com"]})
    features = build_features(raw, map_columns(list(raw.columns), parse_map_options(["email=contact"])))
    assert features["x_contact"].tolist() == ["a b@x com", "a b@y org", "c d@x com"]
    assert features["ux_contact"].tolist() == ["a b", "a b", "c d"]


def test_row_problems_name_file_line_and_keep_good_rows(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "id,name,age,date_of_death,status\n"
        "1,Ahmad Ali,34,2013-05-02,civilian\n"
        "2,,,,\n"
        "3,Omar Issa,190,2013-13-01,civilian\n"
        "4,محمد الأحمد,٢٢,2014,مدني\n",
        encoding="utf-8",
    )
    frame = read_table(path)
    good, problems = check_rows(frame, map_columns(list(frame.columns)), str(path))
    assert list(good["id"]) == ["1", "4"]
    where = {(p.line, p.field) for p in problems}
    assert where == {(3, "name"), (4, "age"), (4, "date_of_death")}
    assert str(problems[0]).startswith(f"{path}:3: name:")


def test_unreadable_table_is_a_data_format_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"not a spreadsheet")
    with pytest.raises(DataFormatError):
        read_table(path)


def test_partial_dates_keep_their_precision() -> None:
    assert parse_partial_date("2012") == PartialDate(2012)
    assert parse_partial_date("03/2012") == PartialDate(2012, 3)
    assert parse_partial_date("5/3/2012").iso() == "2012-03-05"
    with pytest.raises(ValueError):
        parse_partial_date("2012-02-31")
