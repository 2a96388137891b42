"""Strict parsers for money, numbers and dates typed by people (never float, never eval)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

MONEY_MAX = Decimal("100000000")  # $100 million: far above any home loan we can help with
CENT = Decimal("0.01")

# Digits are matched as [0-9] on purpose: \d would let Arabic-Indic or fullwidth digits in.
_GROUPED = r"[0-9]{1,3}(?:,[0-9]{3})+"
_PLAIN = r"[0-9]+"
_MONEY = re.compile(rf"^\$?[ ]?(?P<whole>{_GROUPED}|{_PLAIN})(?:\.(?P<cents>[0-9]+))?$")
_NUMBER = re.compile(rf"^(?P<whole>{_GROUPED}|{_PLAIN})(?:\.(?P<frac>[0-9]+))?$")
_WHOLE = re.compile(rf"^(?:{_GROUPED}|{_PLAIN})$")
_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_DIGITS = re.compile(r"^[0-9]{1,4}$")
_MAX_INPUT = 40  # characters; nothing we parse is longer


@dataclass(frozen=True)
class ParseError(ValueError):
    """Input that cannot be read; `code` picks the plain-language message shown to the person."""

    code: str
    params: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.code


def _clean(text: str) -> str:
    if len(text) > _MAX_INPUT:
        raise ParseError("too_long")
    return text.strip()


def parse_money(text: str, maximum: Decimal = MONEY_MAX) -> Decimal:
    """Read a dollar amount such as `$1,234.56` or `1234` into an exact Decimal of cents."""
    value = _clean(text)
    if not value:
        raise ParseError("money_empty")
    if value.startswith("-") or value.startswith("$-") or value.startswith("("):
        raise ParseError("money_negative")
    match = _MONEY.match(value)
    if match is None:
        raise ParseError("money_format")
    cents = match.group("cents")
    if cents is not None and len(cents) > 2:
        raise ParseError("money_cents")
    amount = Decimal(match.group("whole").replace(",", "") + "." + (cents or "0"))
    if amount >= maximum:
        raise ParseError("money_too_large", {"maximum": format_money(maximum)})
    return amount.quantize(CENT)


def format_money(amount: Decimal) -> str:
    """Show an amount as `$1,234.56` (whole dollars keep their cents for exactness)."""
    return f"${amount.quantize(CENT):,}"


def money_to_store(amount: Decimal) -> str:
    """The canonical stored form of an amount: `1234.56`."""
    return f"{amount.quantize(CENT)}"


def parse_whole_number(text: str, minimum: int = 0, maximum: int = 10_000) -> int:
    """Read a whole number such as `3` or `1,200` within [minimum, maximum]."""
    value = _clean(text)
    if not value:
        raise ParseError("number_empty")
    if value.startswith("-"):
        raise ParseError("number_too_small", {"minimum": str(minimum)})
    if not _WHOLE.match(value):
        raise ParseError("whole_number_format")
    number = int(value.replace(",", ""))
    if number < minimum:
        raise ParseError("number_too_small", {"minimum": str(minimum)})
    if number > maximum:
        raise ParseError("number_too_large", {"maximum": f"{maximum:,}"})
    return number


def parse_decimal_number(
    text: str, places: int = 2, maximum: Decimal = Decimal("100000")
) -> Decimal:
    """Read a number such as `2.5` or `1,000` with at most `places` digits after the point."""
    value = _clean(text)
    if not value:
        raise ParseError("number_empty")
    if value.startswith("-"):
        raise ParseError("number_too_small", {"minimum": "0"})
    if value.startswith("."):
        value = "0" + value
    match = _NUMBER.match(value)
    if match is None:
        raise ParseError("number_format")
    frac = match.group("frac")
    if frac is not None and len(frac) > places:
        raise ParseError("number_places", {"places": str(places)})
    number = Decimal(match.group("whole").replace(",", "") + "." + (frac or "0"))
    if number > maximum:
        raise ParseError("number_too_large", {"maximum": f"{maximum:,}"})
    return number.normalize() if number != number.to_integral() else number.quantize(Decimal(1))


def parse_date_parts(month: str, day: str, year: str) -> dt.date:
    """Read a date typed as three boxes (month, day, year) and refuse impossible dates."""
    parts = {"month": _clean(month), "day": _clean(day), "year": _clean(year)}
    if not any(parts.values()):
        raise ParseError("date_empty")
    _check_parts(parts)
    return _make_date(int(parts["year"]), int(parts["month"]), int(parts["day"]))


def _check_parts(parts: dict[str, str]) -> None:
    """Every box filled, with digits only, and a four-digit year."""
    missing = [name for name, part in parts.items() if not part]
    if missing:
        raise ParseError("date_missing_part", {"part": missing[0]})
    if not all(_DIGITS.match(part) for part in parts.values()):
        raise ParseError("date_format")
    if len(parts["year"]) != 4:
        raise ParseError("date_year_digits")


_ISO_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")


def parse_month_parts(month: str, year: str) -> dt.date:
    """Read a month and year typed in the date boxes with the day left blank: its first day."""
    parts = {"month": _clean(month), "year": _clean(year)}
    _check_parts(parts)
    return _make_date(int(parts["year"]), int(parts["month"]), 1)


def parse_stored_month(text: str) -> dt.date | None:
    """A stored month-only date `YYYY-MM` as its first day, or None for any other text."""
    match = _ISO_MONTH.match(_clean(text))
    if match is None:
        return None
    return _make_date(int(match.group(1)), int(match.group(2)), 1)


def parse_iso_date(text: str) -> dt.date:
    """Read an ISO date `YYYY-MM-DD` (the API and stored form)."""
    match = _ISO_DATE.match(_clean(text))
    if match is None:
        raise ParseError("date_iso_format")
    year, month, day = (int(group) for group in match.groups())
    return _make_date(year, month, day)


def _make_date(year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12:
        raise ParseError("date_month")
    if not 1900 <= year <= 2100:
        raise ParseError("date_year_range")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ParseError("date_impossible") from None


def check_not_future(date: dt.date, today: dt.date) -> dt.date:
    """Refuse a date after today (for things that have already happened)."""
    if date > today:
        raise ParseError("date_future")
    return date
