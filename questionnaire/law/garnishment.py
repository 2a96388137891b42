"""What a judgment could take from each paycheck: the federal limit and the state's own rule."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from .facts import Garnishment, Jurisdiction
from .money import ZERO
from .money_facts import FederalGarnishment

PERIODS = ("weekly", "biweekly", "semimonthly", "monthly")
HUNDRED = Decimal(100)


def _cents_down(amount: Decimal) -> Decimal:
    # Never overstate what may be taken: round the limit down to the cent.
    return amount.quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def federal_limit(rule: FederalGarnishment, pay: Decimal, period: str) -> Decimal:
    """The lesser of 25% of disposable pay and the pay above the protected amount (never < 0)."""
    protected = rule.multiples[period] * rule.minimum_wage
    share = pay * rule.percent_of_disposable / HUNDRED
    return _cents_down(max(min(share, pay - protected), ZERO))


@dataclass(frozen=True)
class GarnishmentEstimate:
    """The most a creditor could take from one paycheck."""

    period: str
    pay: Decimal
    federal_limit: Decimal
    state_rule: str  # federal_only | stricter | prohibited
    state_limit: Decimal | None  # None: the state rule could not be computed (see the note)
    limit: Decimal  # what we show: the lowest limit we can be sure of
    exact: bool  # False: the true limit may be lower (state rule not fully computed)
    state: Garnishment


def estimate(
    rule: FederalGarnishment, jurisdiction: Jurisdiction, pay: Decimal, period: str
) -> GarnishmentEstimate:
    """Apply the federal limit, then the state's stricter rule where we can compute it."""
    federal = federal_limit(rule, pay, period)
    state = jurisdiction.garnishment
    state_limit: Decimal | None = None
    # Only a state that adds nothing (or forbids it) gives an exact figure; stricter state
    # rules often have parts we do not model (head-of-family, gross-pay tiers...).
    exact = (
        state.rule != "stricter"
        and state.confidence != "low"
        and not jurisdiction.disputed("garnishment")
    )
    if state.rule == "prohibited":
        state_limit = ZERO
    elif state.rule == "federal_only":
        state_limit = federal
    elif state.max_percent_disposable is not None:
        percent = Decimal(str(state.max_percent_disposable))
        share = pay * percent / HUNDRED
        if state.min_wage_multiple is not None:
            # With the federal wage this is an upper bound: a higher state wage protects more.
            weeks = rule.multiples[period] / rule.multiples["weekly"]
            floor = Decimal(str(state.min_wage_multiple)) * weeks * rule.minimum_wage
            share = min(share, pay - floor)
        state_limit = _cents_down(max(min(share, federal), ZERO))
    else:
        exact = False
    limit = min(federal, state_limit) if state_limit is not None else federal
    return GarnishmentEstimate(period, pay, federal, state.rule, state_limit, limit, exact, state)
