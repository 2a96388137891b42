"""The law asks back: a deciding fact's question is on the path only when, for this person's
state and situation, its answer would change the result."""

from __future__ import annotations

from typing import Any

from flask import Flask

from questionnaire.case_facts import case_facts
from questionnaire.flow import path

from .conftest import make_app

CALIFORNIA_TWO_LOANS = {
    "state": "CA",
    "occupancy": "primary_residence",
    "units": "1",
    "acres": "0.2",
    "loan-count": "2",
    "loan-purpose:1": "purchase",
    "loan-purpose:2": "heloc",
    "stage": "foreclosure_sale_done",
    "foreclosure-type": "nonjudicial",
    "foreclosing-loan": "first",
    "sale-date": "2026-10-01",
    "sale-price": "400000",
    "home-value": "420000",
    "written-release": "no",
    "bankruptcy": "none",
    "lawsuit-served": "no",
}


def pages(app: Flask, answers: dict[str, str]) -> list[str]:
    with app.app_context():
        return [
            location.key for location in path(app.extensions["shortfall.questionnaire"], answers)
        ]


def facts(app: Flask, answers: dict[str, str]) -> dict[str, Any]:
    with app.app_context():
        return case_facts(app.extensions["shortfall.questionnaire"], answers)


def test_asked_only_for_the_loan_it_decides(database_url: str) -> None:
    app = make_app(database_url)
    keys = pages(app, CALIFORNIA_TWO_LOANS)
    assert "same-lender-as-foreclosing:2" in keys
    assert "same-lender-as-foreclosing:1" not in keys  # the first loan is barred anyway
    assert not any(k.startswith(("lender-is-bank", "debt-sold", "loan-date")) for k in keys)


def test_an_answer_that_settles_it_ends_the_questions(database_url: str) -> None:
    app = make_app(database_url)
    answers = {**CALIFORNIA_TWO_LOANS, "same-lender-as-foreclosing:2": "no"}
    keys = pages(app, answers)
    assert "made-with-first-loan:2" not in keys  # a different lender: no protection to test
    answers["same-lender-as-foreclosing:2"] = "yes"
    assert "made-with-first-loan:2" in pages(app, answers)


def test_not_asked_where_it_changes_nothing(database_url: str) -> None:
    app = make_app(database_url)
    answers = {
        **CALIFORNIA_TWO_LOANS,
        "state": "TX",
        "loan-count": "1",
        "occupancy": "rental",
        "same-lender-as-foreclosing:2": "yes",
    }
    keys = pages(app, answers)
    assert not any(k.split(":")[0] in DECIDING_PAGES for k in keys)
    # The answer given for California is off the path now, so it is not part of the case.
    assert "loans" in facts(app, answers)
    assert all("same_lender_as_foreclosing" not in loan for loan in facts(app, answers)["loans"])


def test_a_date_that_starts_the_clock_is_asked(database_url: str) -> None:
    app = make_app(database_url)
    answers = {
        "state": "NY",
        "occupancy": "rental",
        "units": "1",
        "acres": "",
        "loan-count": "1",
        "loan-purpose:1": "purchase",
        "stage": "foreclosure_sale_done",
        "foreclosure-type": "judicial",
        "sale-date": "2026-10-01",
        "sale-price": "200000",
        "home-value": "",
        "written-release": "no",
        "bankruptcy": "none",
        "lawsuit-served": "no",
    }
    assert "deed-after-sale-date" in pages(app, answers)
    answers["deed-after-sale-date"] = "2026-10-20"
    assert facts(app, answers)["deed_after_sale_date"] == "2026-10-20"


def test_the_engine_runs_once_per_set_of_answers_in_a_request_and_keeps_nothing(
    database_url: str, monkeypatch: Any
) -> None:
    import questionnaire.decisive as decisive

    app = make_app(database_url)
    questionnaire = app.extensions["shortfall.questionnaire"]
    runs: list[object] = []
    real = decisive.deciding_facts
    monkeypatch.setattr(decisive, "deciding_facts", lambda *a: runs.append(a) or real(*a))
    with app.test_request_context():
        first = path(questionnaire, CALIFORNIA_TWO_LOANS)
        once = len(runs)
        assert path(questionnaire, CALIFORNIA_TWO_LOANS) == first
        assert len(runs) == once >= 1
    # A new request judges again: nothing built from one person's answers outlives a request.
    with app.test_request_context():
        path(questionnaire, CALIFORNIA_TWO_LOANS)
    assert len(runs) == 2 * once
    kept = repr(vars(questionnaire.decider))
    assert not any(value in kept for value in ("400000", "420000", "2026-10-01"))


DECIDING_PAGES = {
    "lender-bought-at-sale",
    "same-lender-as-foreclosing",
    "made-with-first-loan",
    "loan-date",
    "deed-of-trust",
    "lender-is-bank",
    "debt-sold",
}
