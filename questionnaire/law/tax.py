"""Tax on forgiven debt: Form 1099-C, recourse or not, and the exclusions that may apply."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .case import Case
from .findings import Reason, finding
from .money import ZERO, cents
from .money_facts import TaxLaw, TaxRule
from .records import fast_init

MAIN_HOME_PURPOSES = ("purchase", "refinance")  # money used to buy (or refinance buying) the home
DISCHARGED = ("chapter7_discharged", "chapter13_discharged")


@fast_init
@dataclass(frozen=True)
class Exclusion:
    """One way forgiven debt can be left out of income."""

    id: str
    applies: str  # yes | no | maybe
    amount: Decimal | None
    reason: Reason
    rule: TaxRule


@fast_init
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


def _principal_residence(
    case: Case, rule: TaxRule, amount: Decimal, purposes: set[str]
) -> Exclusion:
    when = _discharge_date(case)
    cap = rule.amounts.get("cap", ZERO)
    if case.occupancy not in (None, "primary_residence"):
        return Exclusion(rule.id, "no", ZERO, finding("tax-main-home-only"), rule)
    covered = rule.applies_until is not None and when <= rule.applies_until
    reason = finding(
        "tax-main-home",
        cap=cap,
        until=rule.applies_until,
        agreement_before=rule.written_arrangement_before,
    )
    usable = purposes <= set(MAIN_HOME_PURPOSES) and case.occupancy == "primary_residence"
    if covered and usable and rule.confidence != "low":
        return Exclusion(rule.id, "yes", min(amount, cap), reason, rule)
    return Exclusion(rule.id, "maybe", min(amount, cap), reason, rule)


def _insolvency(case: Case, rule: TaxRule, amount: Decimal) -> Exclusion:
    if case.assets_value is None or case.debts_total is None:
        return Exclusion(
            rule.id,
            "maybe",
            None,
            finding("tax-insolvency-unknown"),
            rule,
        )
    insolvent_by = cents(max(case.debts_total - case.assets_value, ZERO))
    if insolvent_by == ZERO:
        return Exclusion(rule.id, "no", ZERO, finding("tax-insolvency-no"), rule)
    excluded = min(amount, insolvent_by)
    return Exclusion(
        rule.id,
        "yes",
        excluded,
        finding("tax-insolvency-yes", amount=insolvent_by),
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
    rules = {rule.id: rule for rule in law.rules}  # looked up once, not once per rule
    threshold = rules["form-1099-c"].amounts.get("reporting_threshold", Decimal("600.00"))
    exclusions: list[Exclusion] = []
    bankruptcy_rule = rules["bankruptcy"]
    if case.bankruptcy == "chapter7_discharged":
        exclusions.append(
            Exclusion(
                bankruptcy_rule.id,
                "yes",
                amount,
                finding("tax-bankruptcy-yes"),
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
                    finding("tax-bankruptcy-chapter-13"),
                    bankruptcy_rule,
                )
            )
        else:
            exclusions.append(
                Exclusion(
                    bankruptcy_rule.id,
                    "no",
                    ZERO,
                    finding("tax-bankruptcy-no"),
                    bankruptcy_rule,
                )
            )
        exclusions.append(
            _principal_residence(case, rules["qualified-principal-residence"], amount, purposes)
        )
        exclusions.append(_insolvency(case, rules["insolvency"], amount))
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
            rules[i]
            for i in (
                "canceled-debt-is-income",
                "form-1099-c",
                "recourse-foreclosure",
                "nonrecourse-foreclosure",
            )
        ),
    )
