"""Confidence per part: an uncertain credit never hides a clear rule, and the reverse."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from questionnaire.law.assess import assess
from questionnaire.law.case import read_case
from questionnaire.law.facts import Disagreement, Jurisdiction
from questionnaire.law.library import LawLibrary

from .law_helpers import TODAY, library, run

RENTAL_COURT_SALE: dict[str, Any] = {
    "state": "AZ",
    "stage": "foreclosure_sale_done",
    "foreclosure_type": "judicial",
    "occupancy": "rental",
    "units": 4,
    "acres": "0.3",
    "sale_date": "2026-10-01",
    "sale_price": "200000",
    "home_value": "260000",
    "lawsuit_served": "not_sure",
    "loans": [{"lien": "first", "purpose": "cash_out_refinance", "principal": "300000"}],
}


def with_judicial(**changes: Any) -> LawLibrary:
    """The real library, with Arizona's court-sale baseline changed."""
    law = library()
    arizona = law.jurisdictions["AZ"]
    judicial = arizona.deficiency.judicial.model_copy(update=changes)
    deficiency = arizona.deficiency.model_copy(update={"judicial": judicial})
    changed: Jurisdiction = arizona.model_copy(update={"deficiency": deficiency})
    return replace(law, jurisdictions={**law.jurisdictions, "AZ": changed})


def loan_of(law: LawLibrary) -> Any:
    return assess(read_case(RENTAL_COURT_SALE, TODAY), law).loans[0]


def test_the_real_rule_credits_the_fair_value() -> None:
    loan = loan_of(library())
    assert loan.collectability == "limited" and loan.credit_basis == "greater_of"
    assert str(loan.exposure) == "40000.00"  # $300,000 - $260,000 fair value


def test_an_uncertain_credit_keeps_the_rule_and_says_so() -> None:
    loan = loan_of(with_judicial(credit_confidence="low"))
    assert loan.collectability == "allowed"  # may collect: clear; how much: not
    assert loan.credit_basis == "sale_price" and str(loan.exposure) == "100000.00"
    assert any(r.code == "credit-unclear" for r in loan.reasons)


def test_a_disputed_credit_is_the_same_as_an_uncertain_one() -> None:
    law = with_judicial()
    arizona = law.jurisdictions["AZ"]
    dispute = Disagreement(topic="deficiency.judicial.credit", detail="x", sources=[])
    disputed = arizona.model_copy(update={"disagreements": [*arizona.disagreements, dispute]})
    law = replace(law, jurisdictions={**law.jurisdictions, "AZ": disputed})
    loan = loan_of(law)
    assert loan.collectability == "allowed"
    assert any(r.code == "credit-unclear" for r in loan.reasons)


def test_an_uncertain_rule_is_unclear_whatever_the_credit() -> None:
    loan = loan_of(with_judicial(confidence="low", credit_confidence="high"))
    assert loan.collectability == "unclear"
    assert any(r.code == "law-unsettled" for r in loan.reasons)


def test_a_month_only_sale_keeps_the_bounds_on_the_safe_side() -> None:
    base = {
        "stage": "foreclosure_sale_done", "foreclosure_type": "judicial",
        "occupancy": "primary_residence", "units": 1, "sale_date": "2026-06-10",
        "sale_date_precision": "month", "sale_price": "100000", "lawsuit_served": "no",
        "loans": [{"lien": "first", "purpose": "purchase", "principal": "150000"}],
    }  # fmt: skip
    # Iowa § 615.1: two years from the judgment, which comes before the sale: no later than
    # two years from the last day the sale could have been.
    iowa = run({**base, "state": "IA"}).loans[0].deadline
    assert iowa is not None and iowa.latest == dt.date(2028, 6, 30)
    # New York: 90 days from the referee's deed, which comes after the sale: no sooner than
    # 90 days from the first day it could have been.
    new_york = run({**base, "state": "NY"}).loans[0].deadline
    assert new_york is not None and new_york.earliest == dt.date(2026, 8, 30)
