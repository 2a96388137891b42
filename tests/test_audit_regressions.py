"""Cases an audit found where the app was too sure; each must now be honest."""

from __future__ import annotations

from decimal import Decimal

from .law_helpers import run

D = Decimal


def test_unknown_process_does_not_borrow_a_trustee_sale_deadline() -> None:
    # A.R.S. § 33-814(A): 90 days only after a trustee's sale; a court sale has no such limit.
    facts = {
        "state": "AZ",
        "occupancy": "rental",
        "units": 1,
        "acres": "0.2",
        "stage": "foreclosure_sale_done",
        "foreclosure_type": "unknown",
        "sale_date": "2026-04-01",
        "sale_price": "150000",
        "lawsuit_served": "no",
        "loans": [
            {
                "lien": "first",
                "purpose": "cash_out_refinance",
                "owner": "private",
                "principal": "250000",
            }
        ],
    }
    assert run(facts).collectability == "unclear"


def test_a_loan_owner_program_needs_the_lenders_approval() -> None:
    facts = {
        "state": "TX",
        "stage": "deed_in_lieu_planned",
        "home_value": "200000",
        "occupancy": "primary_residence",
        "units": 1,
        "bankruptcy": "none",
        "loans": [
            {"lien": "first", "purpose": "purchase", "owner": "fannie_mae", "principal": "250000"}
        ],
    }
    assert run(facts).collectability == "unclear"
    done = run({**facts, "stage": "deed_in_lieu_done", "written_release": "no"})
    assert done.collectability == "barred"  # the Mortgage Release happened


def test_an_unknown_senior_balance_makes_the_junior_unknown() -> None:
    facts = {
        "state": "TX",
        "stage": "foreclosure_sale_done",
        "foreclosure_type": "nonjudicial",
        "occupancy": "rental",
        "units": 1,
        "sale_date": "2026-10-01",
        "sale_price": "300000",
        "lawsuit_served": "no",
        "loans": [
            {"lien": "first"},
            {"lien": "second", "purpose": "purchase", "principal": "60000"},
        ],
    }
    second = run(facts).loans[1]
    assert second.proceeds_applied is None and second.deficiency is None


def test_a_junior_sale_credits_only_the_value_above_the_senior_loan() -> None:
    # Tex. Prop. Code § 51.003: market value less liens that survive: $300,000 - $250,000.
    facts = {
        "state": "TX",
        "stage": "foreclosure_sale_done",
        "foreclosure_type": "nonjudicial",
        "foreclosing_lien": "second",
        "occupancy": "rental",
        "units": 1,
        "sale_date": "2026-10-01",
        "sale_price": "20000",
        "home_value": "300000",
        "lawsuit_served": "no",
        "loans": [
            {"lien": "first", "principal": "250000"},
            {"lien": "second", "purpose": "purchase", "principal": "60000"},
        ],
    }
    second = run(facts).loans[1]
    assert second.deficiency == D("10000.00")


def test_chapter_13_exclusion_is_only_maybe() -> None:
    facts = {
        "state": "FL",
        "stage": "foreclosure_sale_done",
        "foreclosure_type": "judicial",
        "occupancy": "rental",
        "units": 1,
        "sale_date": "2026-10-01",
        "sale_price": "150000",
        "bankruptcy": "chapter13_discharged",
        "loans": [{"lien": "first", "purpose": "purchase", "principal": "250000"}],
    }
    result = run(facts)
    assert result.tax is not None
    exclusion = next(e for e in result.tax.exclusions if e.id == "bankruptcy")
    assert exclusion.applies == "maybe" and result.tax.taxable_high > 0


def test_stricter_state_garnishment_is_never_called_exact() -> None:
    facts = {
        "state": "NV",
        "stage": "foreclosure_sale_done",
        "foreclosure_type": "nonjudicial",
        "sale_price": "250000",
        "loans": [{"lien": "first", "principal": "300000"}],
        "pay_after_taxes": "600.00",
        "pay_period": "weekly",
    }
    pay = run(facts).garnishment
    assert pay is not None
    if pay.state_rule == "stricter":
        assert pay.exact is False


def test_deed_in_lieu_credits_only_the_lender_taking_the_home() -> None:
    facts = {
        "state": "CA",
        "stage": "deed_in_lieu_done",
        "home_value": "260000",
        "occupancy": "rental",
        "units": 1,
        "sale_date": "2026-09-01",
        "loans": [
            {"lien": "first", "principal": "250000"},
            {"lien": "second", "purpose": "heloc", "principal": "80000"},
        ],
    }
    first, second = run(facts).loans
    assert first.deficiency == D("0.00")
    assert second.deficiency == D("80000.00")
    assert first.exposure_high in (D("250000.00"), D("0.00"))
