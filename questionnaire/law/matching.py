"""Does a rule's `applies_to` fit this case? Yes, no, or 'we do not know' (a missing fact)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from .case import Case, Loan
from .facts import AppliesTo


class Match(NamedTuple):
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


_NO = Match(False)
_YES = Match(True)


def _listed(
    allowed: Sequence[str] | None, value: str | None, field: str, missing: list[str]
) -> bool:
    """False on a clear mismatch; a value we lack is noted as missing."""
    if allowed is None:
        return True
    if value is None:
        missing.append(field)
        return True
    return value in allowed


def _within(result: bool | None, field: str, missing: list[str]) -> bool:
    """False on a clear mismatch; None (the fact is not known) is noted as missing."""
    if result is None:
        missing.append(field)
        return True
    return result


def match(
    rule: AppliesTo, case: Case, loan: Loan, process: str, usual: Iterable[str] = ()
) -> Match:
    """Compare every key the rule gives with the case; any clear mismatch wins.

    Keys are compared in a fixed order and the first clear mismatch ends the comparison (the
    answer is then "no" whatever the other keys say). A key we cannot compare is named by the
    API field a person would answer to settle it, in that order."""
    if rule.processes is not None and process not in rule.processes:
        return _NO
    if rule.liens is not None and loan.lien not in rule.liens:
        return _NO
    missing: list[str] = []
    # Each case value is read only for a key the rule gives (most rules give two or three).
    if (
        (
            rule.loan_purposes is not None
            and not _listed(rule.loan_purposes, _known(loan.purpose), "purpose", missing)
        )
        or (
            rule.occupancy is not None
            and not _listed(rule.occupancy, _known(case.occupancy), "occupancy", missing)
        )
        or (
            rule.loan_owners is not None
            and not _listed(rule.loan_owners, _known(loan.owner), "owner", missing)
        )
        or (
            rule.lender_approved_sale is not None
            and not _listed(
                rule.lender_approved_sale,
                _event(case.lender_approved_sale),
                "lender_approved_sale",
                missing,
            )
        )
        or (
            rule.written_release is not None
            and not _listed(
                rule.written_release, _event(case.written_release), "written_release", missing
            )
        )
        or (
            rule.bankruptcy is not None
            and not _listed(rule.bankruptcy, _event(case.bankruptcy), "bankruptcy", missing)
        )
    ):
        return _NO
    if rule.max_units is not None and not _within(
        None if case.units is None else case.units <= rule.max_units, "units", missing
    ):
        return _NO
    acres = case.acres
    if rule.max_acres is not None and not _within(
        None if acres is None else acres <= _dec(rule.max_acres), "acres", missing
    ):
        return _NO
    if rule.min_acres is not None and not _within(
        None if acres is None else acres > _dec(rule.min_acres), "acres", missing
    ):
        return _NO
    if rule.loan_made_on_or_after is not None or rule.loan_made_before is not None:
        made = _loan_date(loan)
        if rule.loan_made_on_or_after is not None and not _within(
            None if made is None else made >= rule.loan_made_on_or_after, "loan_date", missing
        ):
            return _NO
        if rule.loan_made_before is not None and not _within(
            None if made is None else made < rule.loan_made_before, "loan_date", missing
        ):
            return _NO
    assumed: list[tuple[str, str]] = []
    for fact, wanted in (rule.facts or {}).items():
        given = case.fact(fact, loan)
        # A usual fact left out is taken at its usual value; "not sure" keeps it open.
        if given is None and fact in usual:
            assumed.append((fact.value, wanted))
            continue
        value = _known(None if given is None else str(given))
        if not _within(None if value is None else value == wanted, fact.value, missing):
            return _NO
    if not missing:
        return Match(True, (), tuple(assumed)) if assumed else _YES
    return Match(None, tuple(dict.fromkeys(missing)), tuple(assumed))


def _dec(value: float) -> Decimal:
    """A law file's acre limit as a Decimal, so 2.5 compares exactly."""
    return Decimal(str(value))
