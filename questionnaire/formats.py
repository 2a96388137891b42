"""Money and long dates in a locale's way: Babel's patterns, worked out once and checked.

Babel reads its locale data and pattern again for every amount and date, which is most of
the time a report or an API answer spends on words. Here each locale's pattern is worked
out once and written with plain string formatting. A locale whose pattern this cannot
write, or whose results differ from Babel's on probe values, keeps Babel for everything.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, get_date_format
from babel.numbers import format_currency

WHOLE = "¤#,##0"  # whole dollars: $30,000 rather than $30,000.00
# Amounts and days the quick way must write exactly as Babel does before it is used.
PROBE_AMOUNTS = tuple(
    Decimal(text)
    for text in ("0", "7", "999", "1000", "12345", "1234567", "1000000000", "0.05", "1234.5")
)
PROBE_DAYS = tuple(dt.date(2026, month, day) for month in range(1, 13) for day in (1, 9, 28))
DATE_FIELDS = {"MMMM", "d", "y"}
FIELD = re.compile(r"%\((\w+)\)s")  # a field of a Babel date pattern's format string


def babel_money(amount: Decimal, locale: Locale | str) -> str:
    """An amount in US dollars as Babel writes it (whole dollars without cents)."""
    if amount == amount.to_integral_value():
        return str(
            format_currency(amount, "USD", format=WHOLE, locale=locale, currency_digits=False)
        )
    return str(format_currency(amount, "USD", locale=locale))


def babel_date(day: dt.date, locale: Locale | str) -> str:
    """A date in the locale's long format as Babel writes it."""
    return str(format_date(day, format="long", locale=locale))


class LocaleFormats:
    """Money and long dates for one locale, as Babel writes them, faster."""

    def __init__(self, locale: Locale | str) -> None:
        self.locale = locale
        try:
            money, date = self._quick_money(), self._quick_date()
        except (UnknownLocaleError, ValueError):  # Babel will say so when it is used
            money = date = None
        self._money = money or (lambda amount: babel_money(amount, locale))
        self._date = date or (lambda day: babel_date(day, locale))

    def money(self, amount: Decimal) -> str:
        """'$1,234.56'; whole dollars as '$1,234'."""
        exponent = amount.as_tuple().exponent  # a letter for infinity and NaN
        if isinstance(exponent, int) and exponent >= -2 and amount >= 0:
            return self._money(amount)
        return babel_money(amount, self.locale)  # negative, or more than cents: Babel's way

    def date(self, day: dt.date) -> str:
        """'September 15, 2026', '15 de septiembre de 2026'."""
        return self._date(day) if day.year >= 1000 else babel_date(day, self.locale)

    def _quick_money(self) -> Callable[[Decimal], str] | None:
        """Symbol, grouping and decimal marks read from Babel's own writing of one amount."""
        sample = babel_money(Decimal("1234567.89"), self.locale)
        digits = [i for i, c in enumerate(sample) if c.isdigit()]
        if len(digits) != 9:
            return None
        body = sample[digits[0] : digits[-1] + 1]
        prefix, suffix = sample[: digits[0]], sample[digits[-1] + 1 :]
        group, point = body[1], body[-3]
        if body != f"1{group}234{group}567{point}89":
            return None

        def write(amount: Decimal) -> str:
            whole = amount == amount.to_integral_value()
            text = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
            text = text.translate({ord(","): group, ord("."): point})
            return f"{prefix}{text}{suffix}"

        same = all(write(a) == babel_money(a, self.locale) for a in PROBE_AMOUNTS)
        return write if same else None

    def _quick_date(self) -> Callable[[dt.date], str] | None:
        """The long date pattern with the month's name, the day and the year filled in."""
        if not isinstance(self.locale, Locale):
            return None
        template = str(get_date_format("long", locale=self.locale).format)
        if set(FIELD.findall(template)) != DATE_FIELDS:
            return None
        months = dict(self.locale.months["format"]["wide"])

        def write(day: dt.date) -> str:
            return template % {"MMMM": months[day.month], "d": day.day, "y": day.year}

        return write if all(write(d) == babel_date(d, self.locale) for d in PROBE_DAYS) else None
