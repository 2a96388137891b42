"""Money and dates written the quick way are exactly what Babel writes, in every language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire.formats import LocaleFormats, babel_date, babel_money
from questionnaire.words import _babel_locale

from .test_words import LANGUAGES

LOCALES = [_babel_locale(language) for language in LANGUAGES]
CENTS = st.integers(min_value=0, max_value=10**12).map(lambda n: Decimal(n).scaleb(-2))
WHOLE = st.integers(min_value=0, max_value=10**12).map(Decimal)


@pytest.mark.parametrize("locale", LOCALES, ids=str)
def test_every_language_has_the_quick_way(locale: Locale | str) -> None:
    """Our languages do not fall back to Babel for each amount and date (the point of it)."""
    formats = LocaleFormats(locale)
    assert formats._quick_money() is not None
    assert formats._quick_date() is not None


@pytest.mark.parametrize("locale", LOCALES, ids=str)
@settings(max_examples=300, deadline=None)
@given(amount=st.one_of(CENTS, WHOLE))
def test_money_as_babel_writes_it(locale: Locale | str, amount: Decimal) -> None:
    assert LocaleFormats(locale).money(amount) == babel_money(amount, locale)


@pytest.mark.parametrize("locale", LOCALES, ids=str)
def test_every_day_of_four_years_as_babel_writes_it(locale: Locale | str) -> None:
    formats = LocaleFormats(locale)
    day, end = dt.date(2024, 1, 1), dt.date(2028, 1, 1)
    while day < end:
        assert formats.date(day) == babel_date(day, locale), day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    "amount", ["-12.50", "-3", "0.005", "12.345", "1E+3", "7.10", "100.00"], ids=str
)
@pytest.mark.parametrize("locale", LOCALES, ids=str)
def test_odd_amounts_as_babel_writes_them(locale: Locale | str, amount: str) -> None:
    """Negative amounts and fractions of a cent go to Babel itself; trailing zeros do not."""
    value = Decimal(amount)
    assert LocaleFormats(locale).money(value) == babel_money(value, locale)


def test_a_locale_we_cannot_write_keeps_babel() -> None:
    """Indian grouping (12,34,567) is not ours to write: every amount goes to Babel."""
    formats = LocaleFormats(Locale.parse("en_IN"))
    assert formats._quick_money() is None
    assert formats.money(Decimal("1234567.50")) == "$12,34,567.50"
    assert formats.money(Decimal("1234567")) == babel_money(Decimal("1234567"), "en_IN")
    assert formats.date(dt.date(2026, 9, 15)) == babel_date(dt.date(2026, 9, 15), "en_IN")


def test_a_name_babel_does_not_know_keeps_babel_dates() -> None:
    assert LocaleFormats("en")._quick_date() is None
    assert LocaleFormats("en").date(dt.date(2026, 9, 15)) == "September 15, 2026"
