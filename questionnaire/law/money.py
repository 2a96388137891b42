"""Debt, how the sale money is paid across the liens, the shortfall and the fair-value credit."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    """Round to the cent, halves away from zero (all amounts here are already whole cents)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def waterfall(amount: Decimal, debts: Sequence[Decimal]) -> list[Decimal]:
    """Pay `amount` to the debts in lien order: each is paid in full before the next gets any."""
    left = max(amount, ZERO)
    paid = []
    for debt in debts:
        share = min(left, max(debt, ZERO))
        paid.append(cents(share))
        left -= share
    return paid


def shortfall(debt: Decimal, paid: Decimal) -> Decimal:
    """What the sale left unpaid on one loan (never below zero)."""
    return cents(max(debt - paid, ZERO))


def fair_value_credit(
    credit_basis: str, price: Decimal | None, value: Decimal | None
) -> Decimal | None:
    """The amount credited against the liens under the state's rule (None: nothing to credit)."""
    if credit_basis in ("fair_market_value", "greater_of") and value is not None:
        # Money the sale actually paid is never taken back, so the credit is at least the price.
        return max(value, price) if price is not None else value
    return price
