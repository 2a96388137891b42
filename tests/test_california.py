"""California, the reference state: CCP §§ 580a, 580b, 580d, 580e and 726, case by case."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .law_helpers import run

HOME = {
    "state": "CA",
    "occupancy": "primary_residence",
    "units": 1,
    "acres": "0.15",
    "lawsuit_served": "no",
}


def sold(process: str, loans: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        **HOME,
        "stage": "foreclosure_sale_done",
        "foreclosure_type": process,
        "sale_date": "2026-10-01",
        "sale_price": "400000",
        "home_value": "420000",
        "loans": loans,
        **extra,
    }


def cites(loan: Any, section: str) -> bool:
    return any(section in c for r in loan.reasons for c in r.citations)


def test_580d_no_deficiency_after_a_trustee_sale_for_any_first_loan() -> None:
    for purpose in ("purchase", "refinance", "cash_out_refinance", "home_equity"):
        for occupancy in ("primary_residence", "rental"):
            facts = sold(
                "nonjudicial",
                [{"lien": "first", "purpose": purpose, "principal": "500000"}],
                occupancy=occupancy,
            )
            (loan,) = run(facts).loans
            assert loan.collectability == "barred", (purpose, occupancy)
            assert cites(loan, "580d")
            assert loan.exposure == Decimal("0.00") and loan.deficiency == Decimal("100000.00")


def test_sold_out_junior_is_not_protected_by_580d() -> None:
    loans = [
        {"lien": "first", "purpose": "purchase", "principal": "380000"},
        {"lien": "second", "purpose": "heloc", "principal": "60000"},
    ]
    first, second = run(sold("nonjudicial", loans)).loans
    assert first.collectability == "barred"
    assert second.collectability == "unclear"  # depends on which lender held the sale
    assert second.shortfall == Decimal("40000.00") and second.exposure == Decimal("40000.00")
    text = " ".join(r.text for r in second.reasons)
    assert "sold-out junior" in text or "which lender" in text or "own deed of trust" in text


def test_580b_purchase_money_owner_occupied_after_a_court_sale() -> None:
    facts = sold("judicial", [{"lien": "first", "purpose": "purchase", "principal": "500000"}])
    (loan,) = run(facts).loans
    assert loan.collectability == "barred" and cites(loan, "580b")


def test_580b_covers_a_piggyback_purchase_second_loan() -> None:
    loans = [
        {"lien": "first", "purpose": "purchase", "principal": "380000"},
        {"lien": "second", "purpose": "purchase", "principal": "60000"},
    ]
    _first, second = run(sold("nonjudicial", loans)).loans
    assert second.collectability == "barred" and cites(second, "580b")


def test_580b_does_not_cover_rentals_or_five_units() -> None:
    for extra in ({"occupancy": "rental"}, {"units": 5}):
        facts = sold(
            "judicial", [{"lien": "first", "purpose": "purchase", "principal": "500000"}], **extra
        )
        (loan,) = run(facts).loans
        assert loan.collectability == "allowed", extra
        assert loan.credit_basis == "greater_of" and cites(loan, "726")  # fair value hearing
        assert loan.deficiency == Decimal("80000.00")  # $500,000 - $420,000 fair value


def test_580b_refinance_rule_is_unclear_without_the_dates() -> None:
    facts = sold("judicial", [{"lien": "first", "purpose": "refinance", "principal": "500000"}])
    (loan,) = run(facts).loans
    assert loan.collectability == "unclear"
    assert any("2013" in r.text for r in loan.reasons)  # SB 1069 applies from 2013-01-01


def test_580e_approved_short_sale() -> None:
    facts = {
        **HOME,
        "stage": "short_sale_done",
        "sale_date": "2026-09-01",
        "sale_price": "350000",
        "lender_approved_sale": "yes",
        "loans": [{"lien": "first", "purpose": "cash_out_refinance", "principal": "450000"}],
    }
    (loan,) = run(facts).loans
    assert loan.collectability == "barred" and cites(loan, "580e")
    facts["lender_approved_sale"] = "not_sure"
    assert run(facts).loans[0].collectability == "unclear"


def test_726_three_months_to_seek_a_deficiency_after_a_court_sale() -> None:
    loans = [{"lien": "first", "purpose": "purchase", "principal": "500000"}]
    within = run(sold("judicial", loans, occupancy="rental"))
    assert within.deadline is not None
    assert str(within.deadline.last_day) == "2027-01-01" and within.deadline.passed is False
    assert any("726" in c for c in within.deadline.rule.citations)
    late = run(sold("judicial", loans, occupancy="rental", sale_date="2026-06-01"))
    assert late.deadline is not None and late.deadline.passed is True
    assert late.collectability == "barred"  # not served, and the 3 months ran out
    served = run(
        sold("judicial", loans, occupancy="rental", sale_date="2026-06-01", lawsuit_served="yes")
    )
    assert served.collectability == "allowed"


def test_580a_limit_for_a_trustee_sale() -> None:
    loans = [{"lien": "first", "principal": "380000"}, {"lien": "second", "principal": "60000"}]
    result = run(sold("nonjudicial", loans))
    assert result.deadline is not None and any("580a" in c for c in result.deadline.rule.citations)
    assert result.deadline.rule.period.months == 3


def test_exceptions_are_shown_with_a_bar() -> None:
    facts = sold("nonjudicial", [{"lien": "first", "purpose": "purchase", "principal": "500000"}])
    (loan,) = run(facts).loans
    warnings = [r for r in loan.reasons if r.text.startswith("Watch out")]
    assert any("waste" in r.text for r in warnings)
    assert any("fraud" in r.text.lower() for r in warnings)


def test_deed_in_lieu_is_unclear_without_a_written_release() -> None:
    facts = {
        **HOME,
        "stage": "deed_in_lieu_done",
        "sale_date": "2026-09-01",
        "loans": [{"lien": "first", "purpose": "refinance", "principal": "450000"}],
    }
    assert run(facts).collectability == "unclear"
    facts["written_release"] = "yes"
    assert run(facts).collectability == "barred"
