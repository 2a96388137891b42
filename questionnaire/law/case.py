"""Case facts: the validated input of assess(), read from the API's JSON (or the answers)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from .. import parsers
from ..states import STATE_NAMES
from ..vocabulary import (
    Answer,
    Bankruptcy,
    DatePrecision,
    ForeclosingLien,
    ForeclosureType,
    Lien,
    Occupancy,
    Owner,
    Purpose,
    Stage,
    values,
)
from .deciding import CASE_FACTS, DATE_FACTS, LOAN_FACTS
from .records import fast_init

# The vocabularies are defined once (questionnaire.vocabulary) and read from there.
OCCUPANCY = values(Occupancy)
LIENS = values(Lien)
PURPOSES = values(Purpose)
OWNERS = values(Owner)
STAGES = values(Stage)
FORECLOSURE_TYPES = values(ForeclosureType)
FORECLOSING_LIENS = values(ForeclosingLien)
ANSWERS = values(Answer)
DATE_PRECISIONS = values(DatePrecision)
BANKRUPTCY = values(Bankruptcy)
MONEY_FIELDS = ("principal", "interest_owed", "fees_and_costs", "other_charges")
LOAN_FIELDS = ("lien", "purpose", "owner", *MONEY_FIELDS, *LOAN_FACTS)
CASE_FIELDS = (
    "state",
    "occupancy",
    "units",
    "acres",
    "loans",
    "stage",
    "foreclosure_type",
    "sale_date",
    "sale_date_precision",
    "sale_price",
    "home_value",
    "lender_approved_sale",
    "written_release",
    "bankruptcy",
    "lawsuit_served",
    "today",
    "foreclosing_lien",
    "pay_after_taxes",
    "pay_period",
    "assets_value",
    "debts_total",
    "language",
    *CASE_FACTS,
)
KNOWN_CASE_FIELDS = frozenset(CASE_FIELDS)
KNOWN_LOAN_FIELDS = frozenset(LOAN_FIELDS)
PAY_PERIODS = ("weekly", "biweekly", "semimonthly", "monthly")
ZERO = Decimal("0.00")


@fast_init
@dataclass(frozen=True)
class Loan:
    """One lien on the home and what is owed on it (None: not known)."""

    lien: str
    purpose: str | None = None
    owner: str | None = None
    principal: Decimal | None = None
    interest_owed: Decimal | None = None
    fees_and_costs: Decimal | None = None
    other_charges: Decimal | None = None
    # Deciding facts about this loan (loan_date as a date, the others yes / no / not_sure).
    facts: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def total_debt(self) -> Decimal | None:
        """Principal plus interest, fees and other charges; None when the principal is unknown."""
        if self.principal is None:
            return None
        parts = (self.principal, self.interest_owed, self.fees_and_costs, self.other_charges)
        return sum((p for p in parts if p is not None), ZERO)


@fast_init
@dataclass(frozen=True)
class Case:
    """Everything assess() needs about one person's situation."""

    state: str
    stage: str
    loans: tuple[Loan, ...]
    today: dt.date
    occupancy: str | None = None
    units: int | None = None
    acres: Decimal | None = None
    foreclosure_type: str | None = None
    sale_date: dt.date | None = None
    # "month": only the month of the sale is known; sale_date is its first day.
    sale_date_precision: str = "day"
    sale_price: Decimal | None = None
    home_value: Decimal | None = None
    lender_approved_sale: str | None = None
    written_release: str | None = None
    bankruptcy: str | None = None
    lawsuit_served: str | None = None
    foreclosing_lien: str | None = None
    pay_after_taxes: Decimal | None = None  # disposable earnings for one pay period
    pay_period: str | None = None
    assets_value: Decimal | None = None  # for the insolvency worksheet
    debts_total: Decimal | None = None
    # Deciding facts about the case (dates as dates, the others yes / no / not_sure).
    facts: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def sale_dates(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day the sale could have been (the same day when known)."""
        if self.sale_date is None:
            return None
        if self.sale_date_precision != "month":
            return self.sale_date, self.sale_date
        last = calendar.monthrange(self.sale_date.year, self.sale_date.month)[1]
        return self.sale_date, self.sale_date.replace(day=last)

    def fact(self, name: str, loan: Loan | None = None) -> Any:
        """A deciding fact's value (the loan's own for loan-level facts); None when unknown."""
        if name in LOAN_FACTS:
            return None if loan is None else loan.facts.get(name)
        return self.facts.get(name)


@dataclass
class CaseErrors(Exception):
    """Input that cannot be assessed: one plain message per field."""

    problems: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)

    def add(self, where: str, message: str, **params: str) -> None:
        """Record a problem with one field (an English message, marked for translation)."""
        self.problems.append((where, message, params))

    def worded(self, translate: Callable[[str], str] = str) -> list[dict[str, str]]:
        """The problems as {field, message}, each message put into words by `translate`."""
        return [
            {
                "field": where,
                "message": translate(message) % params if params else translate(message),
            }
            for where, message, params in self.problems
        ]

    @property
    def errors(self) -> list[dict[str, str]]:
        """The problems in English."""
        return self.worded()


def N_(message: str) -> str:
    """Mark an English message for the translation catalogs; translated where it is shown."""
    return message


class _Reader:
    """Reads fields one by one, collecting every problem instead of stopping at the first."""

    def __init__(self, errors: CaseErrors) -> None:
        self.errors = errors

    # Each reader takes the field's name and, inside a list, the prefix of its place there
    # ("loans[0]."); the place is only written out for a problem.

    def choice(
        self,
        data: dict[str, Any],
        name: str,
        allowed: tuple[str, ...],
        prefix: str = "",
        required: bool = False,
    ) -> str | None:
        value = data.get(name)
        if value is None:
            if required:
                self.errors.add(prefix + name, N_("This field is required."))
            return None
        if not isinstance(value, str) or value not in allowed:
            self.errors.add(prefix + name, N_("Use one of: %(values)s."), values=", ".join(allowed))
            return None
        return value

    def money(self, data: dict[str, Any], name: str, prefix: str = "") -> Decimal | None:
        value = data.get(name)
        if value is None:
            return None
        where = prefix + name
        if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
            self.errors.add(
                where, N_('Give money as dollars and cents, like "1234.56" or 1234.56.')
            )
            return None
        try:
            return parsers.parse_money(value if isinstance(value, str) else str(value))
        except parsers.ParseError as error:
            self.errors.add(
                where, _MONEY_MESSAGES.get(error.code, N_("This is not a valid amount."))
            )
            return None

    def date(self, data: dict[str, Any], name: str, prefix: str = "") -> dt.date | None:
        value = data.get(name)
        if value is None:
            return None
        where = prefix + name
        try:
            if not isinstance(value, str):
                raise parsers.ParseError("date_iso_format")
            return parsers.parse_iso_date(value)
        except parsers.ParseError as error:
            if error.code == "date_impossible":
                self.errors.add(where, N_("This date does not exist."))
            else:
                self.errors.add(where, N_("Give a real date as YYYY-MM-DD, like 2025-03-27."))
            return None


_MONEY_MESSAGES = {
    "money_negative": N_("Amounts cannot be negative."),
    "money_cents": N_("Use no more than 2 digits after the decimal point."),
    "money_too_large": N_("Amounts must be less than 100000000."),
    "money_empty": N_("Leave the field out instead of sending an empty amount."),
}


def _units(value: Any, errors: CaseErrors) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        errors.add("units", N_("Use a whole number from 1 to 4, or 5 for five or more."))
        return None
    return value


def _acres(value: Any, errors: CaseErrors) -> Decimal | None:
    if value is None:
        return None
    try:
        if isinstance(value, bool) or not isinstance(value, (int, str, Decimal)):
            raise parsers.ParseError("number_format")
        return parsers.parse_decimal_number(str(value))
    except parsers.ParseError:
        errors.add("acres", N_('Give acres as a number from 0 to 100000, like 0.25 or "2.5".'))
        return None


def _loans(value: Any, reader: _Reader) -> tuple[Loan, ...]:
    errors = reader.errors
    if not isinstance(value, list) or not 1 <= len(value) <= 3:
        errors.add("loans", N_("List one to three loans (one for each lien on the home)."))
        return ()
    loans = []
    for index, item in enumerate(value):
        where = f"loans[{index}]"
        prefix = where + "."
        if not isinstance(item, dict):
            errors.add(where, N_("Each loan must be an object."))
            continue
        for unknown in sorted(item.keys() - KNOWN_LOAN_FIELDS):
            errors.add(f"{where}.{unknown}", N_("This field is not part of the API."))
        lien = reader.choice(item, "lien", LIENS, prefix, required=True)
        loan = Loan(
            lien=lien or "first",
            purpose=reader.choice(item, "purpose", PURPOSES, prefix),
            owner=reader.choice(item, "owner", OWNERS, prefix),
            **{name: reader.money(item, name, prefix) for name in MONEY_FIELDS},
            facts=_deciding(item, LOAN_FACTS, reader, prefix),
        )
        loans.append(loan)
    liens = [loan.lien for loan in loans]
    if len(liens) != len(set(liens)):
        errors.add("loans", N_("Each loan needs a different lien position."))
    return tuple(sorted(loans, key=lambda loan: LIENS.index(loan.lien)))


def _deciding(
    data: dict[str, Any], names: tuple[str, ...], reader: _Reader, prefix: str
) -> dict[str, Any]:
    """The deciding facts given (dates as dates, answers as yes / no / not_sure)."""
    found: dict[str, Any] = {}
    for name in names:
        if data.get(name) is None:
            continue  # not given: nothing to read
        if name in DATE_FACTS:
            value: Any = reader.date(data, name, prefix)
        else:
            value = reader.choice(data, name, ANSWERS, prefix)
        if value is not None:
            found[name] = value
    return found


def read_case(data: Any, today: dt.date) -> Case:
    """Validate API-shaped case facts; raise CaseErrors listing every problem."""
    errors = CaseErrors()
    if not isinstance(data, dict):
        errors.add("", N_("Send a JSON object of case facts."))
        raise errors
    reader = _Reader(errors)
    for unknown in sorted(data.keys() - KNOWN_CASE_FIELDS):
        errors.add(unknown, N_("This field is not part of the API."))
    state = data.get("state")
    if not isinstance(state, str) or state.upper() not in STATE_NAMES:
        errors.add("state", N_("Use a two-letter state code such as CA, or DC."))
    stage = reader.choice(data, "stage", STAGES, required=True)
    loans = _loans(data.get("loans"), reader)
    evaluation_day = reader.date(data, "today") or today
    case = Case(
        state=state.upper() if isinstance(state, str) else "",
        stage=stage or "",
        loans=loans,
        today=evaluation_day,
        occupancy=reader.choice(data, "occupancy", OCCUPANCY),
        units=_units(data.get("units"), errors),
        acres=_acres(data.get("acres"), errors),
        foreclosure_type=reader.choice(data, "foreclosure_type", FORECLOSURE_TYPES),
        sale_date=reader.date(data, "sale_date"),
        sale_date_precision=reader.choice(data, "sale_date_precision", DATE_PRECISIONS) or "day",
        sale_price=reader.money(data, "sale_price"),
        home_value=reader.money(data, "home_value"),
        lender_approved_sale=reader.choice(data, "lender_approved_sale", ANSWERS),
        written_release=reader.choice(data, "written_release", ANSWERS),
        bankruptcy=reader.choice(data, "bankruptcy", BANKRUPTCY),
        lawsuit_served=reader.choice(data, "lawsuit_served", ANSWERS),
        foreclosing_lien=reader.choice(data, "foreclosing_lien", FORECLOSING_LIENS),
        pay_after_taxes=reader.money(data, "pay_after_taxes"),
        pay_period=reader.choice(data, "pay_period", PAY_PERIODS),
        assets_value=reader.money(data, "assets_value"),
        debts_total=reader.money(data, "debts_total"),
        facts=_deciding(data, CASE_FACTS, reader, ""),
    )

    if errors.errors:
        raise errors
    if case.sale_date is not None and case.sale_date_precision == "month":
        case = replace(case, sale_date=case.sale_date.replace(day=1))
    return case
