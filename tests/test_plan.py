"""The action plan: the person's own steps and dates, worked out from their answers and the law."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from .law_helpers import library, run

HOME = {"occupancy": "primary_residence", "units": 1, "acres": "0.2", "bankruptcy": "none"}


def one_loan(**facts: Any) -> dict[str, Any]:
    loans = [{"lien": "first", "purpose": "purchase", "owner": "private", "principal": "250000"}]
    return {**HOME, "loans": loans, **facts}


def codes(facts: dict[str, Any]) -> list[str]:
    return [step.reason.code for step in run(facts).plan]


def step(facts: dict[str, Any], code: str) -> Any:
    found = [s for s in run(facts).plan if s.reason.code == code]
    assert found, f"no {code} in {codes(facts)}"
    return found[0]


def test_every_state_says_how_long_to_answer_court_papers_and_where_to_get_help() -> None:
    for code, jurisdiction in library().jurisdictions.items():
        assert jurisdiction.answering is not None, code
        assert jurisdiction.help is not None, code
        count = jurisdiction.answering.period.days
        assert count is not None and 14 <= count <= 35, (code, count)


def test_sued_means_answer_now_within_the_states_days() -> None:
    facts = one_loan(
        state="FL", stage="foreclosure_sale_done", foreclosure_type="judicial",
        sale_date="2026-09-15", sale_price="180000", lawsuit_served="yes",
    )  # fmt: skip
    first = run(facts).plan[0]
    assert first.urgent and first.reason.code == "plan-answer-papers-within"
    # Fla. R. Civ. P. 1.140(a)(1): 20 days after service.
    assert first.reason.params["count"] == 20
    assert any("1.140" in c for c in first.reason.citations)


def test_not_sure_about_court_papers_means_find_out_now() -> None:
    facts = one_loan(
        state="TX", stage="foreclosure_sale_done", foreclosure_type="nonjudicial",
        sale_date="2026-08-04", sale_price="170000", lawsuit_served="not_sure",
    )  # fmt: skip
    assert codes(facts)[0] == "plan-check-court-papers"


def test_apply_for_help_more_than_37_days_before_a_scheduled_sale() -> None:
    facts = one_loan(
        state="NY", stage="sale_scheduled", foreclosure_type="judicial",
        sale_date="2027-02-10", lawsuit_served="no",
    )  # fmt: skip
    found = step(facts, "plan-apply-for-help-by")
    # 12 C.F.R. § 1024.41(g): received more than 37 days before the sale.
    assert found.day == dt.date(2027, 2, 10) - dt.timedelta(days=37) == dt.date(2027, 1, 4)
    assert any("1024.41" in c for c in found.reason.citations)
    # Too late for the protection: still apply, now.
    late = one_loan(
        state="NY", stage="sale_scheduled", foreclosure_type="judicial",
        sale_date="2026-12-20", lawsuit_served="no",
    )  # fmt: skip
    assert step(late, "plan-apply-for-help-late").urgent


def test_mediation_only_where_a_state_program_covers_this_foreclosure() -> None:
    nj = one_loan(state="NJ", stage="foreclosure_started", foreclosure_type="judicial")
    assert "plan-ask-for-mediation-within" in codes(nj)  # N.J.S.A. 2A:50-77
    tx = one_loan(state="TX", stage="foreclosure_started", foreclosure_type="nonjudicial")
    assert not any(c.startswith("plan-ask-for-mediation") for c in codes(tx))
    rental = one_loan(
        state="NJ", stage="foreclosure_started", foreclosure_type="judicial", occupancy="rental"
    )
    assert not any(c.startswith("plan-ask-for-mediation") for c in codes(rental))


def test_buy_back_date_only_after_a_sale_that_gives_one() -> None:
    mn = one_loan(
        state="MN", stage="foreclosure_sale_done", foreclosure_type="nonjudicial",
        sale_date="2026-11-02", sale_price="190000", lawsuit_served="no",
    )  # fmt: skip
    found = step(mn, "plan-redemption-ends")  # Minn. Stat. § 580.23: six months
    assert found.day == dt.date(2027, 5, 2) and found.approximate
    ca = one_loan(
        state="CA", stage="foreclosure_sale_done", foreclosure_type="nonjudicial",
        sale_date="2026-10-14", sale_price="400000", lawsuit_served="no",
    )  # fmt: skip
    assert "plan-redemption-ends" not in codes(ca)  # no buy-back after a trustee's sale


@pytest.mark.parametrize("stage", ["sale_scheduled", "foreclosure_started"])
def test_no_step_asks_about_a_sale_that_has_not_happened(stage: str) -> None:
    facts = one_loan(state="NY", stage=stage, foreclosure_type="judicial", lawsuit_served="no")
    for found in run(facts).plan:
        assert found.reason.params.get("fact") not in (
            "deed_after_sale_date",
            "lender_bought_at_sale",
        )


def test_steps_come_urgent_first_then_by_date_then_the_rest() -> None:
    facts = one_loan(
        state="NY", stage="sale_scheduled", foreclosure_type="judicial",
        sale_date="2027-02-10", lawsuit_served="yes",
    )  # fmt: skip
    plan = run(facts).plan
    assert plan[0].urgent
    dated = [s.day for s in plan if s.day is not None and not s.urgent]
    assert dated == sorted(dated)
    assert plan[-1].reason.code == "plan-keep-papers"


def test_a_sale_set_for_a_month_counts_37_days_from_its_first_day() -> None:
    facts = one_loan(
        state="NY", stage="sale_scheduled", foreclosure_type="judicial",
        sale_date="2027-03-01", sale_date_precision="month", lawsuit_served="no",
    )  # fmt: skip
    found = step(facts, "plan-apply-for-help-by-month")
    assert found.day == dt.date(2027, 3, 1) - dt.timedelta(days=37) and found.approximate
