"""Unit tests for the path: computed from answers, branches not taken are ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from questionnaire import flow
from questionnaire.case_facts import case_facts
from questionnaire.content import Questionnaire, load_questionnaire
from questionnaire.flow import Location

CONTENT = Path(__file__).resolve().parent.parent / "content" / "questions"


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return load_questionnaire(CONTENT)


def keys(q: Questionnaire, answers: dict[str, str]) -> list[str]:
    return [loc.key for loc in flow.path(q, answers)]


def test_empty_answers_give_the_default_path(q: Questionnaire) -> None:
    path = keys(q, {})
    # What is happening comes before the loans; units and acres wait for the law to need them.
    assert path[:3] == ["state", "occupancy", "stage"]
    assert path.index("stage") < path.index("loan-count")
    assert "units" not in path and "acres" not in path
    assert "loan-purpose:1" in path and "loan-purpose:2" not in path
    assert path[-4:] == ["bankruptcy", "lawsuit-served", "want-pay-estimate", "want-tax-check"]


def test_pay_and_tax_questions_only_when_wanted(q: Questionnaire) -> None:
    skipped = keys(q, {"want-pay-estimate": "no", "want-tax-check": "no"})
    assert "pay-period" not in skipped and "assets-value" not in skipped
    wanted = keys(q, {"want-pay-estimate": "yes", "want-tax-check": "yes"})
    assert wanted[-5:] == [
        "pay-period",
        "pay-after-taxes",
        "want-tax-check",
        "assets-value",
        "debts-total",
    ]


def test_loan_count_repeats_the_loan_questions(q: Questionnaire) -> None:
    path = keys(q, {"loan-count": "3"})
    for item in (1, 2, 3):
        assert f"loan-principal:{item}" in path
    assert path.index("loan-other:1") < path.index("loan-purpose:2")


def test_behind_on_payments_skips_the_sale_questions(q: Questionnaire) -> None:
    path = keys(q, {"stage": "behind_on_payments"})
    after = path[path.index("stage") + 1 :]
    assert after[0] == "home-value"
    assert "foreclosure-type" not in path and "sale-date" not in path


def test_short_sale_asks_about_approval_and_release(q: Questionnaire) -> None:
    path = keys(q, {"stage": "short_sale_done"})
    assert "foreclosure-type" not in path
    for key in ("lender-approved-sale", "sale-date", "sale-price", "written-release"):
        assert key in path
    assert "offer-price" not in path and "planned-sale-date" not in path


def test_planned_short_sale_asks_for_a_planned_date_and_offer(q: Questionnaire) -> None:
    path = keys(q, {"stage": "short_sale_planned"})
    assert "planned-sale-date" in path and "offer-price" in path
    assert "sale-date" not in path and "sale-price" not in path


def test_deed_in_lieu_done_has_no_sale_price(q: Questionnaire) -> None:
    path = keys(q, {"stage": "deed_in_lieu_done"})
    assert "sale-date" in path and "written-release" in path
    assert "sale-price" not in path and "foreclosure-type" not in path


def test_answers_off_the_path_are_ignored(q: Questionnaire) -> None:
    answers = {
        "state": "CA",
        "loan-count": "1",
        "stage": "behind_on_payments",
        "foreclosure-type": "judicial",
        "sale-price": "100.00",
        "loan-purpose:2": "heloc",
    }
    kept = flow.answers_on_path(q, answers)
    assert "foreclosure-type" not in kept and "sale-price" not in kept
    assert "loan-purpose:2" not in kept
    facts = case_facts(q, answers)
    assert "foreclosure_type" not in facts and "sale_price" not in facts
    assert facts["loans"] == [{"lien": "first"}]


def test_first_unanswered_and_visiting_rules(q: Questionnaire) -> None:
    answers = {"state": "TX", "occupancy": "rental"}
    path = flow.path(q, answers)
    assert flow.first_unanswered(path, answers) == Location("stage")
    assert flow.may_visit(path, answers, Location("state"))
    assert flow.may_visit(path, answers, Location("stage"))
    assert not flow.may_visit(path, answers, Location("loan-count"))  # no skipping ahead
    assert not flow.may_visit(path, answers, Location("loan-purpose", 5))
    assert flow.previous_page(path, Location("stage")) == Location("occupancy")
    assert flow.previous_page(path, Location("state")) is None


def test_steps_mark_sections(q: Questionnaire) -> None:
    path = flow.path(q, {})
    steps = flow.steps(q, path, Location("loan-purpose", 1))
    assert [s.state for s in steps] == [
        "complete",
        "complete",
        "current",
        "to_do",
        "to_do",
        "to_do",
    ]
    assert [s.number for s in steps] == [1, 2, 3, 4, 5, 6]


def test_item_count_is_bounded(q: Questionnaire) -> None:
    group = q.groups["loan"]
    assert flow.item_count(q, group, {"loan-count": "9"}) == 3
    assert flow.item_count(q, group, {"loan-count": "abc"}) == 1
    assert flow.item_count(q, group, {}) == 1
