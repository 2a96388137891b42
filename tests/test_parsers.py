"""Unit and property tests for the strict money, number and date parsers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from questionnaire import parsers
from questionnaire.parsers import ParseError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$1,234.56", "1234.56"),
        ("1234", "1234.00"),
        ("  $ 300,000  ", "300000.00"),
        ("0", "0.00"),
        ("12.5", "12.50"),
        ("1,000,000", "1000000.00"),
        ("99999999.99", "99999999.99"),
    ],
)
def test_money_accepts_what_people_type(text: str, expected: str) -> None:
    assert parsers.parse_money(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "money_empty"),
        ("   ", "money_empty"),
        ("-5", "money_negative"),
        ("$-5", "money_negative"),
        ("(100)", "money_negative"),
        ("NaN", "money_format"),
        ("nan", "money_format"),
        ("sNaN", "money_format"),
        ("Infinity", "money_format"),
        ("inf", "money_format"),
        ("1e5", "money_format"),
        ("1E+999999", "money_format"),
        ("١٢٣", "money_format"),  # Arabic-Indic digits
        ("１２３", "money_format"),  # fullwidth digits
        ("1_000", "money_format"),
        ("12,34", "money_format"),
        ("1,2345", "money_format"),
        ("1.234", "money_cents"),
        ("10.", "money_format"),
        ("$$5", "money_format"),
        ("5 dollars", "money_format"),
        ("100000000", "money_too_large"),
        ("9" * 30, "money_too_large"),
        ("1" * 41, "too_long"),
        ("0x10", "money_format"),
    ],
)
def test_money_refuses_with_a_reason(text: str, code: str) -> None:
    with pytest.raises(ParseError) as caught:
        parsers.parse_money(text)
    assert caught.value.code == code


def test_format_money_groups_and_keeps_cents() -> None:
    assert parsers.format_money(Decimal("1234567.5")) == "$1,234,567.50"


@given(st.text(max_size=60))
def test_money_never_raises_anything_but_parse_error(text: str) -> None:
    try:
        value = parsers.parse_money(text)
    except ParseError:
        return
    assert value.is_finite() and value >= 0 and value < parsers.MONEY_MAX
    assert value == value.quantize(parsers.CENT)


@given(st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2))
def test_money_round_trips_through_display_and_storage(amount: Decimal) -> None:
    assert parsers.parse_money(parsers.format_money(amount)) == amount
    assert parsers.parse_money(parsers.money_to_store(amount)) == amount
    assert parsers.parse_money(parsers.format_money(amount).lstrip("$")) == amount


@pytest.mark.parametrize(("text", "expected"), [("3", 3), ("1,200", 1200), (" 4 ", 4)])
def test_whole_number(text: str, expected: int) -> None:
    assert parsers.parse_whole_number(text, minimum=1, maximum=9999) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("0", "number_too_small"),
        ("-1", "number_too_small"),
        ("2.5", "whole_number_format"),
        ("10000", "number_too_large"),
        ("٣", "whole_number_format"),
        ("", "number_empty"),
        ("1e3", "whole_number_format"),
    ],
)
def test_whole_number_refuses(text: str, code: str) -> None:
    with pytest.raises(ParseError) as caught:
        parsers.parse_whole_number(text, minimum=1, maximum=9999)
    assert caught.value.code == code


@given(st.integers(min_value=0, max_value=10_000))
def test_whole_number_round_trips(number: int) -> None:
    assert parsers.parse_whole_number(str(number)) == number
    assert parsers.parse_whole_number(f"{number:,}") == number


@pytest.mark.parametrize(("text", "expected"), [("2.5", "2.5"), (".25", "0.25"), ("3", "3")])
def test_decimal_number(text: str, expected: str) -> None:
    assert parsers.parse_decimal_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2.555", "number_places"),
        ("-1", "number_too_small"),
        ("NaN", "number_format"),
        ("1e2", "number_format"),
        ("200000", "number_too_large"),
    ],
)
def test_decimal_number_refuses(text: str, code: str) -> None:
    with pytest.raises(ParseError) as caught:
        parsers.parse_decimal_number(text)
    assert caught.value.code == code


@given(st.text(max_size=50))
def test_numbers_never_raise_anything_but_parse_error(text: str) -> None:
    for parse in (parsers.parse_whole_number, parsers.parse_decimal_number):
        try:
            parse(text)
        except ParseError:
            pass


@given(st.decimals(min_value=0, max_value=99999, places=2))
def test_decimal_number_round_trips(number: Decimal) -> None:
    assert parsers.parse_decimal_number(str(number)) == number


def test_dates_from_three_boxes() -> None:
    assert parsers.parse_date_parts("3", "27", "2025") == dt.date(2025, 3, 27)
    assert parsers.parse_date_parts("02", "29", "2024") == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("parts", "code"),
    [
        (("", "", ""), "date_empty"),
        (("3", "", "2025"), "date_missing_part"),
        (("2", "30", "2025"), "date_impossible"),
        (("2", "29", "2025"), "date_impossible"),
        (("13", "1", "2025"), "date_month"),
        (("0", "1", "2025"), "date_month"),
        (("4", "31", "2025"), "date_impossible"),
        (("1", "1", "25"), "date_year_digits"),
        (("1", "1", "1850"), "date_year_range"),
        (("a", "1", "2025"), "date_format"),
        (("-1", "1", "2025"), "date_format"),
        (("٣", "1", "2025"), "date_format"),
    ],
)
def test_dates_refused(parts: tuple[str, str, str], code: str) -> None:
    with pytest.raises(ParseError) as caught:
        parsers.parse_date_parts(*parts)
    assert caught.value.code == code


def test_missing_part_names_the_part() -> None:
    with pytest.raises(ParseError) as caught:
        parsers.parse_date_parts("3", "", "2025")
    assert caught.value.params == {"part": "day"}


def test_future_dates_refused_only_when_asked() -> None:
    today = dt.date(2026, 11, 25)
    assert parsers.check_not_future(today, today) == today
    with pytest.raises(ParseError) as caught:
        parsers.check_not_future(dt.date(2026, 11, 26), today)
    assert caught.value.code == "date_future"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_dates_round_trip(date: dt.date) -> None:
    assert parsers.parse_iso_date(date.isoformat()) == date
    assert parsers.parse_date_parts(str(date.month), str(date.day), str(date.year)) == date


@given(st.text(max_size=8), st.text(max_size=8), st.text(max_size=8))
def test_date_parts_never_raise_anything_but_parse_error(m: str, d: str, y: str) -> None:
    try:
        parsers.parse_date_parts(m, d, y)
    except ParseError:
        pass


@given(st.text(max_size=30))
def test_iso_dates_never_raise_anything_but_parse_error(text: str) -> None:
    try:
        parsers.parse_iso_date(text)
    except ParseError:
        pass


def test_month_and_year_without_a_day() -> None:
    assert parsers.parse_month_parts(" 3 ", "2025") == dt.date(2025, 3, 1)
    assert parsers.parse_stored_month("2025-03") == dt.date(2025, 3, 1)
    assert parsers.parse_stored_month("2025-03-27") is None
    refused = (
        ("", "2025", "date_missing_part"),
        ("13", "2025", "date_month"),
        ("3", "25", "date_year_digits"),
        ("x", "2025", "date_format"),
    )
    for month, year, code in refused:
        with pytest.raises(ParseError) as error:
            parsers.parse_month_parts(month, year)
        assert error.value.code == code
