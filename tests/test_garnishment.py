"""Wage garnishment limits: 15 U.S.C. § 1673(a) and 29 C.F.R. § 870.10, checked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from questionnaire.law.garnishment import estimate, federal_limit

from .law_helpers import library, run

D = Decimal


@pytest.mark.parametrize(
    ("pay", "period", "expected"),
    [
        # Weekly: the lesser of 25% and the pay above 30 x $7.25 = $217.50.
        ("500.00", "weekly", "125.00"),  # 25% = 125.00 < 282.50
        ("250.00", "weekly", "32.50"),  # 250 - 217.50 = 32.50 < 62.50
        ("217.50", "weekly", "0.00"),  # at the protected amount nothing may be taken
        ("100.00", "weekly", "0.00"),
        # Biweekly: 60 x $7.25 = $435.00 protected.
        ("1000.00", "biweekly", "250.00"),
        ("500.00", "biweekly", "65.00"),
        # Semimonthly: 65 x $7.25 = $471.25 protected (29 C.F.R. § 870.10(c)).
        ("600.00", "semimonthly", "128.75"),
        # Monthly: 130 x $7.25 = $942.50 protected (a month counts as 4 1/3 weeks).
        ("1000.00", "monthly", "57.50"),
        ("4000.00", "monthly", "1000.00"),
    ],
)
def test_federal_limit(pay: str, period: str, expected: str) -> None:
    rule = library().garnishment.federal
    assert federal_limit(rule, D(pay), period) == D(expected)


def test_a_state_that_forbids_wage_garnishment_for_this_debt() -> None:
    texas = library().jurisdictions["TX"]
    assert texas.garnishment.rule == "prohibited"
    result = estimate(library().garnishment.federal, texas, D("1000.00"), "weekly")
    assert result.federal_limit == D("250.00") and result.limit == D("0.00")


def test_stricter_state_percentage_never_raises_the_limit() -> None:
    federal = library().garnishment.federal
    for code, item in library().jurisdictions.items():
        result = estimate(federal, item, D("900.00"), "biweekly")
        assert result.limit <= result.federal_limit, code
        if item.garnishment.rule == "prohibited":
            assert result.limit == D("0.00"), code


def test_garnishment_block_in_the_assessment() -> None:
    facts = {
        "state": "MA",
        "stage": "foreclosure_sale_done",
        "foreclosure_type": "nonjudicial",
        "sale_price": "250000",
        "loans": [{"lien": "first", "principal": "300000"}],
        "pay_after_taxes": "800.00",
        "pay_period": "weekly",
    }
    result = run(facts)
    assert result.garnishment is not None
    assert result.garnishment.federal_limit == D("200.00")  # 25% of $800 < $582.50
    assert result.garnishment.limit <= D("200.00")
    assert run({k: v for k, v in facts.items() if k != "pay_after_taxes"}).garnishment is None


def test_bank_levy_and_lien_notes_are_cited() -> None:
    facts = {
        "state": "MA",
        "stage": "foreclosure_sale_done",
        "foreclosure_type": "nonjudicial",
        "sale_price": "250000",
        "loans": [{"lien": "first", "principal": "300000"}],
    }
    notes = {note.id: note for note in run(facts).judgment_notes}
    assert "212" in " ".join(notes["bank-levy-federal-benefits"].citations)
    assert notes["judgment-lien"].citations
