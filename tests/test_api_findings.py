"""The API's findings: codes and parameters beside the words, a deadline per loan, the facts
still to find out with their questions, deciding facts as fields, numbers read exactly."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from .test_api import validate

HELOC_CASE: dict[str, Any] = {
    "state": "CA",
    "occupancy": "primary_residence",
    "units": 1,
    "acres": 0.3,
    "stage": "foreclosure_sale_done",
    "foreclosure_type": "nonjudicial",
    "sale_date": "2026-10-14",
    "sale_price": 400000,
    "lawsuit_served": "no",
    "today": "2026-11-25",
    "loans": [
        {"lien": "first", "purpose": "purchase", "principal": "420000"},
        {"lien": "second", "purpose": "heloc", "principal": 50000.25},
    ],
}


def post(client: FlaskClient, body: Any, **headers: str) -> Any:
    response = client.post("/api/v1/assessments", json=body, headers=headers)
    assert response.status_code == 200, response.get_json()
    data = response.get_json()
    validate(data, "Assessment")
    return data


def test_json_numbers_are_read_exactly(client: FlaskClient) -> None:
    data = post(client, HELOC_CASE)
    first, second = data["loans"]
    assert second["total_debt"] == "50000.25"  # not 50000.25000000000...
    assert first["total_debt"] == "420000.00"


def test_each_loan_has_its_own_deadline_and_the_case_takes_a_loan_with_money_at_stake(
    client: FlaskClient,
) -> None:
    data = post(client, HELOC_CASE)
    first, second = data["loans"]
    assert first["collectability"] == "barred"
    assert first["deadline"]["last_day"] == "2027-01-14"  # § 580a binds only that lender
    assert second["collectability"] == "unclear"
    assert data["deadline"] is None or data["deadline"]["lien"] == "second"


def test_findings_carry_code_params_text_and_titled_sources(client: FlaskClient) -> None:
    data = post(client, HELOC_CASE)
    reasons = data["loans"][0]["reasons"]
    baseline = next(r for r in reasons if r["code"].startswith("baseline-"))
    assert baseline["params"] == {"state": "CA", "process": "nonjudicial"}
    assert baseline["text"].startswith("In general, California law")  # barred: the general rule
    assert all(set(s) == {"title", "url"} for r in reasons for s in r["sources"])
    day = data["loans"][0]["deadline_reasons"][1]
    assert day["code"] == "deadline-last-day" and day["params"] == {"day": "2027-01-14"}
    assert "January 14, 2027" in day["text"]


def test_unknown_facts_name_the_question_and_where_to_look(client: FlaskClient) -> None:
    data = post(client, HELOC_CASE)
    facts = {(f["fact"], f["lien"]): f for f in data["unknown_facts"]}
    same = facts[("same_lender_as_foreclosing", "second")]
    assert same["question"] == "Does the lender that foreclosed also hold this loan?"
    assert "foreclosure notice" in same["where"]
    assert "same_lender_as_foreclosing" in data["loans"][1]["unknown_facts"]


def test_a_deciding_fact_settles_the_answer(client: FlaskClient) -> None:
    body = {**HELOC_CASE, "loans": [dict(loan) for loan in HELOC_CASE["loans"]]}
    body["loans"][1]["same_lender_as_foreclosing"] = "no"
    data = post(client, body)
    assert data["loans"][1]["collectability"] == "allowed"
    assert not any(f["lien"] == "second" for f in data["unknown_facts"])
    body["loans"][1]["same_lender_as_foreclosing"] = "not_sure"
    assert post(client, body)["loans"][1]["collectability"] == "unclear"


def test_language_from_the_body_or_the_header(client: FlaskClient) -> None:
    assert post(client, HELOC_CASE)["language"] == "en"
    assert post(client, HELOC_CASE, **{"Accept-Language": "fr, en;q=0.5"})["language"] == "en"
    response = client.post("/api/v1/assessments", json={**HELOC_CASE, "language": "xx"})
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "language"


def test_deeply_nested_json_is_a_clear_422(client: FlaskClient) -> None:
    body = "[" * 5000 + "]" * 5000
    for route in ("/api/v1/assessments", "/api/v1/report.pdf"):
        response = client.post(route, data=body, content_type="application/json")
        assert response.status_code == 422


def test_a_plan_not_carried_out_is_a_condition(client: FlaskClient) -> None:
    body = {
        "state": "AZ",
        "stage": "sale_scheduled",
        "foreclosure_type": "nonjudicial",
        "occupancy": "rental",
        "home_value": "300000",
        "loans": [{"lien": "first", "purpose": "purchase", "principal": "350000"}],
    }
    data = post(client, body)
    assert data["conditional"] is True
    loan = data["loans"][0]
    assert any(r["code"].endswith("-if") for r in loan["reasons"])
    assert loan["conditions"][0]["code"] == "condition-plan"
    assert loan["conditions"][0]["text"] == "This is what happens if the sale goes ahead."


def test_the_action_plan_comes_with_dates_codes_and_words(client: FlaskClient) -> None:
    body = {
        "state": "NY", "stage": "sale_scheduled", "foreclosure_type": "judicial",
        "occupancy": "primary_residence", "units": 1, "sale_date": "2027-02-10",
        "lawsuit_served": "yes", "bankruptcy": "none",
        "loans": [{"lien": "first", "purpose": "refinance", "principal": "310000"}],
    }  # fmt: skip
    data = post(client, {**body, "today": "2026-12-04"})
    plan = data["plan"]
    assert plan[0]["code"] == "plan-answer-papers-within" and plan[0]["urgent"] is True
    assert "20 days" in plan[0]["text"] and plan[0]["paper"]
    by = next(step for step in plan if step["code"] == "plan-apply-for-help-by")
    assert by["day"] == "2027-01-04" and "February 10, 2027" in by["text"]
    assert any("1024.41" in c for c in by["citations"])


def test_a_sale_known_only_by_its_month_gives_a_range_of_last_days(client: FlaskClient) -> None:
    body = {
        "state": "TX", "stage": "foreclosure_sale_done", "foreclosure_type": "nonjudicial",
        "occupancy": "primary_residence", "units": 1, "sale_date": "2024-11-17",
        "sale_date_precision": "month", "sale_price": "200000", "lawsuit_served": "no",
        "bankruptcy": "none", "today": "2026-11-25",
        "loans": [{"lien": "first", "purpose": "purchase", "principal": "250000"}],
    }  # fmt: skip
    data = post(client, body)
    deadline = data["loans"][0]["deadline"]
    assert deadline["last_day"] is None
    assert (deadline["earliest_last_day"], deadline["latest_last_day"]) == (
        "2026-11-01",
        "2026-11-30",
    )
    assert data["collectability"] == "unclear"
    assert "sale_date" in [fact["fact"] for fact in data["unknown_facts"]]
    bad = client.post("/api/v1/assessments", json={**body, "sale_date_precision": "week"})
    assert bad.status_code == 422
