"""The worked examples of public guides reproduce to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from .law_helpers import run

SOLD = {
    "stage": "foreclosure_sale_done",
    "occupancy": "rental",
    "units": 1,
    "acres": "0.2",
    "sale_date": "2026-10-01",
    "lawsuit_served": "no",
}


def one_loan(
    state: str, process: str, owed: str, price: str, value: str | None = None, **loan: str
):
    facts = {
        **SOLD,
        "state": state,
        "foreclosure_type": process,
        "sale_price": price,
        "loans": [{"lien": "first", "purpose": "refinance", "principal": owed, **loan}],
    }
    if value is not None:
        facts["home_value"] = value
    return run(facts).loans[0]


def test_owed_minus_sale_price() -> None:
    # Nolo / NerdWallet style example: $300,000 owed, $250,000 sale -> $50,000 left.
    loan = one_loan("MA", "nonjudicial", "300000", "250000")
    assert loan.shortfall == Decimal("50000.00")
    assert loan.deficiency == Decimal("50000.00")


@pytest.mark.parametrize(
    ("state", "process", "expected", "basis"),
    [
        ("TX", "nonjudicial", "50000.00", "greater_of"),  # Tex. Prop. Code § 51.003: FMV credit
        ("AZ", "judicial", "50000.00", "greater_of"),  # A.R.S. § 12-1566: greater of
        ("MA", "nonjudicial", "75000.00", "sale_price"),  # M.G.L. c. 244 § 17A: sale price only
    ],
)
def test_fair_market_value_credit(state: str, process: str, expected: str, basis: str) -> None:
    # $275,000 owed, $200,000 sale, $225,000 fair market value.
    loan = one_loan(state, process, "275000", "200000", "225000")
    assert loan.shortfall == Decimal("75000.00")
    assert loan.deficiency == Decimal(expected)
    assert loan.credit_basis == basis


def test_nolo_fair_value_example() -> None:
    # Nolo: $450,000 debt, $400,000 sale, $425,000 fair market value -> $25,000 under a
    # fair-value rule instead of $50,000.
    loan = one_loan("TX", "nonjudicial", "450000", "400000", "425000")
    assert (loan.shortfall, loan.deficiency) == (Decimal("50000.00"), Decimal("25000.00"))


def test_fees_and_costs_raise_the_shortfall() -> None:
    # MassLegalHelp: $180,000 owed plus $10,000 auction and attorney fees, $140,000 sale -> $50,000.
    loan = one_loan("MA", "nonjudicial", "180000", "140000", fees_and_costs="10000")
    assert loan.total_debt == Decimal("190000.00")
    assert loan.deficiency == Decimal("50000.00")


def test_sold_out_junior_keeps_its_whole_balance() -> None:
    facts = {
        **SOLD,
        "state": "MA",
        "foreclosure_type": "nonjudicial",
        "sale_price": "210000",
        "loans": [
            {"lien": "first", "principal": "200000"},
            {"lien": "second", "purpose": "heloc", "principal": "30000"},
        ],
    }
    first, second = run(facts).loans
    assert (first.proceeds_applied, first.shortfall) == (Decimal("200000.00"), Decimal("0.00"))
    assert (second.proceeds_applied, second.shortfall) == (Decimal("10000.00"), Decimal("20000.00"))


def test_barred_means_no_exposure_even_with_a_shortfall() -> None:
    # Washington bars a deficiency after a trustee's sale: RCW 61.24.100(1).
    loan = one_loan("WA", "nonjudicial", "300000", "250000")
    assert loan.collectability == "barred"
    assert (loan.deficiency, loan.exposure) == (Decimal("50000.00"), Decimal("0.00"))
