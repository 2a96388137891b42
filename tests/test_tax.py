"""Tax on forgiven debt: 26 U.S.C. §§ 61(a)(11), 108 and Form 1099-C, with hand-checked sums."""

from __future__ import annotations

from decimal import Decimal

from .law_helpers import run

D = Decimal
MA_SOLD = {
    "state": "MA",
    "stage": "foreclosure_sale_done",
    "foreclosure_type": "nonjudicial",
    "occupancy": "rental",
    "units": 1,
    "acres": "0.2",
    "sale_date": "2026-06-01",
    "sale_price": "250000",
    "lawsuit_served": "yes",
    "bankruptcy": "none",
    "loans": [{"lien": "first", "purpose": "refinance", "principal": "300000"}],
}


def exclusion(result, name: str):
    assert result.tax is not None
    return next(e for e in result.tax.exclusions if e.id == name)


def test_insolvency_worksheet() -> None:
    # § 108(a)(3): excluded = the lesser of the forgiven debt ($50,000) and the amount of
    # insolvency: $130,000 owed - $100,000 owned = $30,000. Taxable: $20,000.
    result = run({**MA_SOLD, "assets_value": "100000", "debts_total": "130000"})
    tax = result.tax
    assert tax is not None and tax.could_be_forgiven == D("50000.00")
    insolvency = exclusion(result, "insolvency")
    assert (insolvency.applies, insolvency.amount) == ("yes", D("30000.00"))
    assert tax.taxable_high == D("20000.00")
    assert tax.form_1099c_likely


def test_not_insolvent() -> None:
    result = run({**MA_SOLD, "assets_value": "200000", "debts_total": "130000"})
    assert exclusion(result, "insolvency").applies == "no"
    assert result.tax is not None and result.tax.taxable_high == D("50000.00")


def test_worksheet_left_blank_gives_a_range() -> None:
    result = run(MA_SOLD)
    assert exclusion(result, "insolvency").applies == "maybe"
    assert result.tax is not None
    assert (result.tax.taxable_low, result.tax.taxable_high) == (D("0.00"), D("50000.00"))


def test_bankruptcy_exclusion_covers_it_all() -> None:
    result = run({**MA_SOLD, "bankruptcy": "chapter7_discharged"})
    assert result.collectability == "barred"  # 11 U.S.C. § 727(b)
    assert result.tax is not None and result.tax.forgiven_now == D("50000.00")
    assert exclusion(result, "bankruptcy").applies == "yes"
    assert result.tax.taxable_high == D("0.00")


def test_principal_residence_exclusion_is_only_maybe_after_2025() -> None:
    # § 108(a)(1)(E) covered discharges before 2026-01-01 (or under a written agreement made
    # before then); we do not state it as settled for a 2026 discharge.
    home = {
        **MA_SOLD,
        "occupancy": "primary_residence",
        "loans": [{"lien": "first", "purpose": "purchase", "principal": "300000"}],
    }
    assert exclusion(run(home), "qualified-principal-residence").applies == "maybe"
    rental = exclusion(run(MA_SOLD), "qualified-principal-residence")
    assert rental.applies == "no"


def test_form_1099c_threshold() -> None:
    # Treas. Reg. § 1.6050P-1: lenders report canceled debt of $600 or more.
    small = {**MA_SOLD, "loans": [{"lien": "first", "principal": "250599.99"}]}
    assert run(small).tax.form_1099c_likely is False
    exact = {**MA_SOLD, "loans": [{"lien": "first", "principal": "250600.00"}]}
    assert run(exact).tax.form_1099c_likely is True


def test_state_anti_deficiency_makes_the_loan_nonrecourse() -> None:
    # Washington bars a deficiency after a trustee's sale (RCW 61.24.100): no canceled debt.
    facts = {**MA_SOLD, "state": "WA", "lawsuit_served": "no"}
    result = run(facts)
    assert result.collectability == "barred"
    assert result.tax is not None and result.tax.nonrecourse == ("first",)
    assert result.tax.could_be_forgiven == D("0.00") and not result.tax.form_1099c_likely
