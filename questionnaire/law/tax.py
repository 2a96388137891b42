"""Tax on forgiven debt: Form 1099-C, recourse or not, and the exclusions that may apply."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .case import Case
from .money import ZERO, cents
from .money_facts import TaxLaw, TaxRule

MAIN_HOME_PURPOSES = ("purchase", "refinance")  # money used to buy (or refinance buying) the home
DISCHARGED = ("chapter7_discharged", "chapter13_discharged")


@dataclass(frozen=True)
class Exclusion:
    """One way forgiven debt can be left out of income."""

    id: str
    applies: str  # yes | no | maybe
    amount: Decimal | None
    reason: str
    rule: TaxRule


@dataclass(frozen=True)
class TaxEstimate:
    """What forgiving the remaining debt could mean at tax time."""

    forgiven_now: Decimal  # forgiven by a release or a discharge already
    could_be_forgiven: Decimal  # what a later settlement or release would forgive
    nonrecourse: tuple[str, ...]  # liens the state treats as having no personal liability
    form_1099c_likely: bool
    exclusions: tuple[Exclusion, ...]
    taxable_low: Decimal | None
    taxable_high: Decimal | None
    rules: tuple[TaxRule, ...] = field(default=())


def _discharge_date(case: Case) -> dt.date:
    return case.sale_date if case.sale_date is not None else case.today


def _principal_residence(case: Case, law: TaxLaw, amount: Decimal, purposes: set[str]) -> Exclusion:
    rule = law.rule("qualified-principal-residence")
    when = _discharge_date(case)
    cap = rule.amounts.get("cap", ZERO)
    if case.occupancy not in (None, "primary_residence"):
        return Exclusion(rule.id, "no", ZERO, "It covers only a loan on your main home.", rule)
    covered = rule.applies_until is not None and when <= rule.applies_until
    reason = (
        f"It covers debt on your main home used to buy, build or improve it, up to ${cap:,.0f}, "
        f"forgiven by {rule.applies_until}"
    )
    if rule.written_arrangement_before is not None:
        reason += f" or under a written agreement made before {rule.written_arrangement_before}"
    reason += ". We are not sure whether Congress has extended it, so check the current IRS rules."
    usable = purposes <= set(MAIN_HOME_PURPOSES) and case.occupancy == "primary_residence"
    if covered and usable and rule.confidence != "low":
        return Exclusion(rule.id, "yes", min(amount, cap), reason, rule)
    return Exclusion(rule.id, "maybe", min(amount, cap), reason, rule)


def _insolvency(case: Case, law: TaxLaw, amount: Decimal) -> Exclusion:
    rule = law.rule("insolvency")
    if case.assets_value is None or case.debts_total is None:
        return Exclusion(
            rule.id,
            "maybe",
            None,
            "If you owed more than everything you owned was worth just before the debt was "
            "forgiven, part or all of it may be left out. Fill in the worksheet to see.",
            rule,
        )
    insolvent_by = cents(max(case.debts_total - case.assets_value, ZERO))
    if insolvent_by == ZERO:
        return Exclusion(
            rule.id, "no", ZERO, "You owned more than you owed, so it does not apply.", rule
        )
    excluded = min(amount, insolvent_by)
    return Exclusion(
        rule.id,
        "yes",
        excluded,
        f"You owed ${insolvent_by:,.2f} more than you owned, so up to that much can be left out.",
        rule,
    )


def estimate_tax(
    case: Case,
    law: TaxLaw,
    forgiven_now: Decimal,
    could_be: Decimal,
    nonrecourse: list[str],
    purposes: set[str],
) -> TaxEstimate:
    """Estimate the taxable part of forgiven debt, from the highest exclusion to the lowest."""
    amount = forgiven_now if forgiven_now > ZERO else could_be
    threshold = law.rule("form-1099-c").amounts.get("reporting_threshold", Decimal("600.00"))
    exclusions: list[Exclusion] = []
    bankruptcy_rule = law.rule("bankruptcy")
    if case.bankruptcy == "chapter7_discharged":
        exclusions.append(
            Exclusion(
                bankruptcy_rule.id,
                "yes",
                amount,
                "Debt wiped out in a bankruptcy case is not income.",
                bankruptcy_rule,
            )
        )
    else:
        if case.bankruptcy in DISCHARGED:
            # Chapter 13 may not have wiped out this debt (a kept-and-paid mortgage survives).
            exclusions.append(
                Exclusion(
                    bankruptcy_rule.id,
                    "maybe",
                    amount,
                    "If your Chapter 13 discharge wiped out this debt, it is not income. If the "
                    "debt survived, a later settlement is not covered.",
                    bankruptcy_rule,
                )
            )
        else:
            exclusions.append(
                Exclusion(
                    bankruptcy_rule.id,
                    "no",
                    ZERO,
                    "It applies only to debt wiped out in a bankruptcy case.",
                    bankruptcy_rule,
                )
            )
        exclusions.append(_principal_residence(case, law, amount, purposes))
        exclusions.append(_insolvency(case, law, amount))
    sure = sum((e.amount or ZERO for e in exclusions if e.applies == "yes"), ZERO)
    maybe = sum((e.amount or ZERO for e in exclusions if e.applies == "maybe"), ZERO)
    unknown_maybe = any(e.applies == "maybe" and e.amount is None for e in exclusions)
    high = cents(max(amount - sure, ZERO))
    low = ZERO if unknown_maybe else cents(max(amount - sure - maybe, ZERO))
    return TaxEstimate(
        forgiven_now=forgiven_now,
        could_be_forgiven=could_be,
        nonrecourse=tuple(nonrecourse),
        form_1099c_likely=amount >= threshold,
        exclusions=tuple(exclusions),
        taxable_low=low,
        taxable_high=high,
        rules=tuple(
            law.rule(i)
            for i in (
                "canceled-debt-is-income",
                "form-1099-c",
                "recourse-foreclosure",
                "nonrecourse-foreclosure",
            )
        ),
    )
