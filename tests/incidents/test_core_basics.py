"""Dates with precision, origin names, bounds from qualifiers."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from tollbook.incidents.dates import Precision, parse_range
from tollbook.incidents.figures import bounds
from tollbook.incidents.origins import origin_key, same_body
from tollbook.records import Category, Claim, Outcome, Qualifier, Span


def test_month_is_the_whole_month_not_its_first_day() -> None:
    march = parse_range("2025-03")
    assert march is not None
    assert (march.start, march.end, march.precision) == (date(2025, 3, 1), date(2025, 3, 31), Precision.MONTH)


def test_interval_and_open_end() -> None:
    interval = parse_range("2025-03-06/2025-03-10")
    assert interval is not None and interval.days == 5
    opened = parse_range("2025-03-06/..", open_end=date(2025, 3, 20))
    assert opened is not None and opened.end == date(2025, 3, 20) and opened.precision is Precision.OPEN


def test_unreadable_or_yearless_dates_are_none() -> None:
    assert parse_range("--07-31") is None
    assert parse_range("2025-13") is None
    assert parse_range("2025-02-30") is None
    assert parse_range("2025-03-10/2025-03-01") is None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_iso_round_trip(day: date) -> None:
    parsed = parse_range(day.isoformat())
    assert parsed is not None and parsed.iso() == day.isoformat()


def test_acronym_and_full_name_are_one_origin() -> None:
    assert origin_key("SOHR") == origin_key("Syrian Observatory for Human Rights")
    assert origin_key("the Syrian Observatory for Human Rights") == "sohr"
    assert origin_key("Syrian Network for Human Rights") != origin_key("SOHR")
    assert origin_key("Syria's defense ministry") == origin_key("the Syrian Defense Ministry")
    assert origin_key("Reuters") == "reuters"


def _claim(count: int, qualifier: Qualifier, count_max: int | None = None) -> Claim:
    return Claim(count, qualifier, Outcome.KILLED, Category.CIVILIANS, Span(0, 1, "x"), count_max=count_max)


def test_qualifiers_set_floor_and_ceiling() -> None:
    assert bounds(_claim(1500, Qualifier.OVER)) == bounds(_claim(1501, Qualifier.AT_LEAST))
    assert bounds(_claim(1500, Qualifier.OVER)).upper is None
    assert bounds(_claim(50, Qualifier.UP_TO)).lower == 0
    assert bounds(_claim(30, Qualifier.RANGE, 40)) == bounds(_claim(30, Qualifier.RANGE, 40))
    assert (bounds(_claim(30, Qualifier.RANGE, 40)).lower, bounds(_claim(30, Qualifier.RANGE, 40)).upper) == (30, 40)


def test_a_report_crediting_itself_keeps_its_own_origin() -> None:
    assert same_body("The national committee", "National Fact-Finding Committee (demo paraphrase)")
    assert same_body("UN High Commissioner for Human Rights, Volker Türk", "UN High Commissioner for Human Rights")
    assert not same_body("Syrian Observatory for Human Rights", "Demo Wire Service")
    assert origin_key("Syrian Observatory for Human Rights (demo paraphrase)") == origin_key("SOHR")
