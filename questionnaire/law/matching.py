"""Does a rule's `applies_to` fit this case? Yes, no, or 'we do not know' (a missing fact)."""

from __future__ import annotations

from dataclasses import dataclass

from .case import Case, Loan
from .facts import AppliesTo

# What we would need to ask to settle a rule, in plain words, by the fact that is missing.
MISSING = {
    "loan_purposes": "what the loan was for",
    "occupancy": "how the home was used",
    "max_units": "how many homes are in the building",
    "max_acres": "how much land the home is on",
    "min_acres": "how much land the home is on",
    "loan_owners": "who owns or backs the loan",
    "lender_approved_sale": "whether the lender approved the sale in writing",
    "written_release": "whether the lender released you in writing",
    "bankruptcy": "whether you filed for bankruptcy",
}


@dataclass(frozen=True)
class Match:
    """The result of matching: fits is True, False, or None when facts are missing."""

    fits: bool | None
    missing: tuple[str, ...] = ()


# Events a person knows about: when the answer is left out we take it as "no" (and say so in
# the assumptions); only "not sure" leaves the rule undecided.
EVENTS = ("lender_approved_sale", "written_release", "bankruptcy")
NOT_ASKED = "__not_asked__"


def _known(value: str | None) -> str | None:
    return None if value in (None, "unknown", "not_sure") else value


def _event(value: str | None) -> str | None:
    return NOT_ASKED if value is None else _known(value)


def match(rule: AppliesTo, case: Case, loan: Loan, process: str) -> Match:
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
    if rule.max_acres is not None:
        acres = case.acres
        checks.append(("max_acres", None if acres is None else float(acres) <= rule.max_acres))
    if rule.min_acres is not None:
        acres = case.acres
        checks.append(("min_acres", None if acres is None else float(acres) > rule.min_acres))
    if any(result is False for _name, result in checks):
        return Match(False)
    missing = tuple(MISSING[name] for name, result in checks if result is None)
    return Match(None if missing else True, missing)
