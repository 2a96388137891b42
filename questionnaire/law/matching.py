"""Does a rule's `applies_to` fit this case? Yes, no, or 'we do not know' (a missing fact)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .case import Case, Loan
from .facts import AppliesTo

# The API field a person would answer to settle each key of `applies_to`.
FIELD = {
    "loan_purposes": "purpose",
    "occupancy": "occupancy",
    "max_units": "units",
    "max_acres": "acres",
    "min_acres": "acres",
    "loan_owners": "owner",
    "lender_approved_sale": "lender_approved_sale",
    "written_release": "written_release",
    "bankruptcy": "bankruptcy",
    "loan_made_on_or_after": "loan_date",
    "loan_made_before": "loan_date",
}


@dataclass(frozen=True)
class Match:
    """The result of matching: fits is True, False, or None when facts are missing.

    `missing` names the API fields that would settle it; `assumed` the deciding facts we took
    at their usual value (with that value)."""

    fits: bool | None
    missing: tuple[str, ...] = ()
    assumed: tuple[tuple[str, str], ...] = ()


# Events a person knows about: when the answer is left out we take it as "no" (and say so in
# the assumptions); only "not sure" leaves the rule undecided.
EVENTS = ("lender_approved_sale", "written_release", "bankruptcy")
NOT_ASKED = "__not_asked__"


def _known(value: str | None) -> str | None:
    return None if value in (None, "unknown", "not_sure") else value


def _event(value: str | None) -> str | None:
    return NOT_ASKED if value is None else _known(value)


def _loan_date(loan: Loan) -> dt.date | None:
    value = loan.facts.get("loan_date")
    return value if isinstance(value, dt.date) else None


def match(
    rule: AppliesTo, case: Case, loan: Loan, process: str, usual: Iterable[str] = ()
) -> Match:
    """Compare every key the rule gives with the case; any clear mismatch wins."""
    checks: list[tuple[str, bool | None]] = []
    if rule.processes is not None:
        checks.append(("processes", process in rule.processes))
    if rule.liens is not None:
        checks.append(("liens", loan.lien in rule.liens))
    listed = {
        "loan_purposes": (rule.loan_purposes, _known(loan.purpose)),
        "occupancy": (rule.occupancy, _known(case.occupancy)),
        "loan_owners": (rule.loan_owners, _known(loan.owner)),
        "lender_approved_sale": (rule.lender_approved_sale, _event(case.lender_approved_sale)),
        "written_release": (rule.written_release, _event(case.written_release)),
        "bankruptcy": (rule.bankruptcy, _event(case.bankruptcy)),
    }
    for name, (allowed, value) in listed.items():
        if allowed is not None:
            checks.append((name, None if value is None else value in allowed))
    if rule.max_units is not None:
        checks.append(("max_units", None if case.units is None else case.units <= rule.max_units))
    acres = case.acres
    if rule.max_acres is not None:
        checks.append(("max_acres", None if acres is None else acres <= _dec(rule.max_acres)))
    if rule.min_acres is not None:
        checks.append(("min_acres", None if acres is None else acres > _dec(rule.min_acres)))
    made = _loan_date(loan)
    if rule.loan_made_on_or_after is not None:
        checks.append(
            ("loan_made_on_or_after", None if made is None else made >= rule.loan_made_on_or_after)
        )
    if rule.loan_made_before is not None:
        checks.append(("loan_made_before", None if made is None else made < rule.loan_made_before))
    assumed: list[tuple[str, str]] = []
    fact_checks: list[tuple[str, bool | None]] = []
    for fact, wanted in (rule.facts or {}).items():
        given = case.fact(fact, loan)
        value = _known(None if given is None else str(given))
        # A usual fact left out is taken at its usual value; "not sure" keeps it open.
        if given is None and fact in usual:
            assumed.append((fact.value, wanted))
            continue
        fact_checks.append((fact.value, None if value is None else value == wanted))
    if any(result is False for _name, result in checks + fact_checks):
        return Match(False)
    missing = [FIELD[name] for name, result in checks if result is None]
    missing += [name for name, result in fact_checks if result is None]
    unique = tuple(dict.fromkeys(missing))
    return Match(None if unique else True, unique, tuple(assumed))


def _dec(value: float) -> Decimal:
    """A law file's acre limit as a Decimal, so 2.5 compares exactly."""
    return Decimal(str(value))
