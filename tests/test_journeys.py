"""Journeys through the Flask test client, as a person would walk them."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient

from questionnaire.case_facts import case_facts
from questionnaire.interviews import answers_of, current_interview

from .conftest import Walker, csrf_token, date_parts, form_token, make_app

HOME = [
    ("state", "CA"),
    ("occupancy", "primary_residence"),
    ("units", "1"),
    ("acres", "0.25"),
]

# Behind on payments, home value not known: the shortest way through "what is happening".
BEHIND = [("stage", "behind_on_payments"), ("home-value", "")]


def loan(item: int, purpose: str, principal: str, **money: str) -> list[tuple[str, Any]]:
    return [
        (f"loan-purpose/{item}", purpose),
        (f"loan-owner/{item}", money.get("owner", "private")),
        (f"loan-principal/{item}", principal),
        (f"loan-interest/{item}", money.get("interest", "")),
        (f"loan-fees/{item}", money.get("fees", "")),
        (f"loan-other/{item}", money.get("other", "")),
    ]


def facts(walker: Walker) -> dict[str, Any]:
    """The case facts stored for this browser, as the assessment will receive them."""
    app = walker.client.application
    with app.test_request_context():
        from flask import session

        cookie = walker.client.get_cookie("shortfall_session")
        assert cookie is not None
        session_interface = app.session_interface
        request = app.test_request_context(headers={"Cookie": f"shortfall_session={cookie.value}"})
        with request:
            loaded = session_interface.open_session(app, request.request)
            session.update(loaded)  # type: ignore[attr-defined]
            interview = current_interview()
            assert interview is not None
            return case_facts(app.extensions["shortfall.questionnaire"], answers_of(interview))


def test_foreclosure_sale_done(walker: Walker) -> None:
    walker.start()
    walker.answer_all(HOME + [("loan-count", "1")])
    walker.answer_all(loan(1, "purchase", "$300,000", fees="1,250.50", owner="fannie_mae"))
    end = walker.answer_all(
        [
            ("stage", "foreclosure_sale_done"),
            ("foreclosure-type", "nonjudicial"),
            ("sale-date", date_parts("2026-03-02")),
            ("sale-price", "250,000"),
            ("home-value", "265000"),
            ("written-release", "no"),
            ("bankruptcy", "none"),
            ("lawsuit-served", "no"),
            ("want-pay-estimate", "no"),
            ("want-tax-check", "no"),
        ]
    )
    assert end == "/check-answers"
    page = walker.page("/check-answers").text
    for shown in ("California", "$300,000", "$1,250.50", "March 2, 2026", "$250,000"):
        assert shown in page
    # A trustee's sale bars the rest of a California loan whatever the building (§ 580d),
    # so neither the number of homes nor the land is asked.
    assert "units" in walker.known and "acres" in walker.known  # given, never asked
    assert facts(walker) == {
        "state": "CA",
        "occupancy": "primary_residence",
        "loans": [
            {
                "lien": "first",
                "purpose": "purchase",
                "owner": "fannie_mae",
                "principal": "300000.00",
                "fees_and_costs": "1250.50",
            }
        ],
        "stage": "foreclosure_sale_done",
        "foreclosure_type": "nonjudicial",
        "sale_date": "2026-03-02",
        "sale_price": "250000.00",
        "home_value": "265000.00",
        "bankruptcy": "none",
        "lawsuit_served": "no",
        "written_release": "no",
    }


def test_sale_scheduled_with_a_future_date(walker: Walker) -> None:
    walker.start()
    walker.answer_all(HOME + [("loan-count", "1")] + loan(1, "refinance", "180000"))
    walker.answer_all(
        [
            ("stage", "sale_scheduled"),
            ("foreclosure-type", "judicial"),
            ("planned-sale-date", date_parts("2027-01-15")),
            ("home-value", ""),
            ("written-release", "not_sure"),
            ("bankruptcy", "chapter13_filed"),
            ("lawsuit-served", "not_sure"),
            # California: a refinance keeps purchase-money protection only if made in 2013
            # or later and it paid off the purchase loan; the law asks both.
            ("loan-date/1", date_parts("2015-04-01")),
            ("refinanced-purchase-loan/1", "yes"),
            ("want-pay-estimate", "no"),
            ("want-tax-check", "no"),
        ]
    )
    result = facts(walker)
    assert result["sale_date"] == "2027-01-15"
    assert result["foreclosure_type"] == "judicial"
    assert "home_value" not in result


def test_short_sale_done(walker: Walker) -> None:
    walker.start()
    walker.answer_all(HOME + [("loan-count", "1")] + loan(1, "purchase", "275000"))
    end = walker.answer_all(
        [
            ("stage", "short_sale_done"),
            ("lender-approved-sale", "yes"),
            ("sale-date", date_parts("2025-12-01")),
            ("sale-price", "200000"),
            ("home-value", "225000"),
            ("written-release", "not_sure"),
            ("bankruptcy", "none"),
            ("lawsuit-served", "no"),
            ("want-pay-estimate", "no"),
            ("want-tax-check", "no"),
        ]
    )
    assert end == "/check-answers"
    result = facts(walker)
    assert result["lender_approved_sale"] == "yes" and result["written_release"] == "not_sure"
    assert "foreclosure_type" not in result


def test_deed_in_lieu_planned(walker: Walker) -> None:
    walker.start()
    walker.answer_all(HOME + [("loan-count", "1")] + loan(1, "purchase", "150000"))
    walker.answer_all(
        [
            ("stage", "deed_in_lieu_planned"),
            ("planned-sale-date", {}),
            ("home-value", "140000"),
            ("written-release", "no"),
            ("bankruptcy", "none"),
            ("lawsuit-served", "no"),
            ("want-pay-estimate", "no"),
            ("want-tax-check", "no"),
        ]
    )
    result = facts(walker)
    assert result["stage"] == "deed_in_lieu_planned" and "sale_date" not in result


def test_two_loans(walker: Walker) -> None:
    walker.start()
    walker.answer_all(HOME + [("loan-count", "2")])
    walker.answer_all(loan(1, "purchase", "400000", interest="3,000"))
    walker.answer_all(loan(2, "heloc", "60000", other="500"))
    walker.answer_all(
        [
            ("stage", "foreclosure_started"),
            ("foreclosure-type", "unknown"),
            ("foreclosing-loan", "first"),
            ("home-value", "380000"),
            ("written-release", "no"),
            ("bankruptcy", "none"),
            ("lawsuit-served", "no"),
            # California: a HELOC wiped out by the first lender's sale may be protected if
            # the same lender made both loans at the same time.
            ("same-lender-as-foreclosing/2", "no"),
            ("want-pay-estimate", "no"),
            ("want-tax-check", "no"),
        ]
    )
    page = walker.page("/check-answers").text
    assert "Your second loan" in page and "$60,000" in page
    result = facts(walker)
    assert [item["lien"] for item in result["loans"]] == ["first", "second"]
    assert result["foreclosing_lien"] == "first"
    assert result["loans"][0] == {
        "lien": "first",
        "purpose": "purchase",
        "owner": "private",
        "principal": "400000.00",
        "interest_owed": "3000.00",
    }
    assert result["loans"][1] == {
        "lien": "second",
        "purpose": "heloc",
        "owner": "private",
        "principal": "60000.00",
        "other_charges": "500.00",
        "same_lender_as_foreclosing": "no",
    }


def test_i_dont_know_answers(walker: Walker) -> None:
    walker.start()
    walker.answer_all(
        [
            ("state", "NY"),
            ("occupancy", "primary_residence"),
            ("units", "1"),
            ("acres", ""),
            ("loan-count", "1"),
        ]
    )
    walker.answer_all(
        [
            ("loan-purpose/1", "not_sure"),
            ("loan-owner/1", "unknown"),
            ("loan-principal/1", ""),
            ("loan-interest/1", ""),
            ("loan-fees/1", ""),
            ("loan-other/1", ""),
            ("stage", "foreclosure_sale_done"),
            ("foreclosure-type", "unknown"),
            ("sale-date", date_parts("2026-06-30")),
            ("sale-price", ""),
            ("home-value", ""),
            ("written-release", "not_sure"),
            ("bankruptcy", "not_sure"),
            ("lawsuit-served", "not_sure"),
            # New York: the 90 days run from the referee's deed; blank means not known.
            ("deed-after-sale-date", ""),
            ("want-pay-estimate", "no"),
            ("want-tax-check", "no"),
        ]
    )
    page = walker.page("/check-answers").text
    # Blank: principal, interest, fees, other, sale price, home value and the deed date. New
    # York's rules do not turn on the land, so it is not asked.
    assert page.count("Not given") == 7
    assert "acres" in walker.known
    result = facts(walker)
    assert result["loans"] == [{"lien": "first", "owner": "unknown"}]
    assert "bankruptcy" not in result and "acres" not in result
    assert result["lawsuit_served"] == "not_sure"
    assert "deed_after_sale_date" not in result


def test_behind_on_payments_is_short(walker: Walker) -> None:
    walker.start()
    walker.answer_all(HOME + [("loan-count", "1")] + loan(1, "purchase", "200000"))
    end = walker.answer_all(
        [
            ("stage", "behind_on_payments"),
            ("home-value", "210000"),
            ("bankruptcy", "none"),
            ("lawsuit-served", "no"),
            ("want-pay-estimate", "no"),
            ("want-tax-check", "no"),
        ]
    )
    assert end == "/check-answers"


def complete_short_sale(walker: Walker) -> None:
    walker.start()
    walker.answer_all(HOME + [("loan-count", "1")] + loan(1, "purchase", "275000"))
    walker.answer_all(
        [
            ("stage", "short_sale_done"),
            ("lender-approved-sale", "yes"),
            ("sale-date", date_parts("2025-12-01")),
            ("sale-price", "200000"),
            ("home-value", "225000"),
            ("written-release", "yes"),
            ("bankruptcy", "none"),
            ("lawsuit-served", "no"),
            ("want-pay-estimate", "no"),
            ("want-tax-check", "no"),
        ]
    )


def test_changing_an_answer_changes_the_route(walker: Walker) -> None:
    complete_short_sale(walker)
    page = walker.page("/check-answers").text
    change = re.search(r'href="(/questions/stage\?return_to=check)"', page)
    assert change, "check-answers has a change link for the stage"
    walker.url = change.group(1)
    # A foreclosure sale needs an answer the short sale did not: we are sent there first.
    nxt = walker.answer("foreclosure_sale_done")
    assert nxt == "/questions/foreclosure-type?return_to=check"
    walker.page(nxt)
    assert "/check-answers" in walker.page(nxt).text  # the back link returns to check-answers
    assert walker.answer("judicial") == "/check-answers"
    page = walker.page("/check-answers").text
    assert "Lender agreed to the sale" not in page  # answers off the path are dropped
    assert "Court or no court" in page
    result = facts(walker)
    assert "lender_approved_sale" not in result
    assert result["written_release"] == "yes"  # still on the path: asked at every stage
    assert result["foreclosure_type"] == "judicial"


def test_change_without_new_questions_returns_to_check_answers(walker: Walker) -> None:
    complete_short_sale(walker)
    walker.url = "/questions/home-value?return_to=check"
    assert walker.answer("230000") == "/check-answers"
    assert "$230,000" in walker.page("/check-answers").text


def test_resume_code_after_restart_on_another_device(database_url: str) -> None:
    first = make_app(database_url)
    with first.test_client() as phone:
        walker = Walker(phone)
        walker.start()
        walker.answer_all(HOME + BEHIND + [("loan-count", "2")])
        page = phone.get("/save")
        shown = phone.post("/save", data={"csrf_token": csrf_token(page.text)})
        match = re.search(r'id="resume-code">([0-9A-Z-]+)<', shown.text)
        assert match, "the resume code is shown"
        code = match.group(1)
        assert code not in shown.headers.get("Location", "")
    restarted = make_app(database_url)  # a new process: nothing kept in memory
    with restarted.test_client() as laptop:
        page = laptop.get("/resume")
        typed = code.lower().replace("-", " ")  # people type codes loosely
        response = laptop.post("/resume", data={"code": typed, "csrf_token": form_token(page.text)})
        assert response.status_code == 303
        assert response.headers["Location"] == "/questions/loan-purpose/1"
        assert 'value="CA" selected' in laptop.get("/questions/state").text


def test_wrong_resume_code_gets_a_clear_message(client: FlaskClient) -> None:
    page = client.get("/resume")
    response = client.post(
        "/resume", data={"code": "AAAA-BBBB-CCCC", "csrf_token": form_token(page.text)}
    )
    assert response.status_code == 200
    assert "We could not find answers for that code" in response.text
    assert 'href="#code"' in response.text  # error summary links to the field
    response = client.post("/resume", data={"code": "", "csrf_token": form_token(page.text)})
    assert "Enter your resume code." in response.text


def test_answers_survive_a_restart_with_the_same_cookie(database_url: str) -> None:
    with make_app(database_url).test_client() as browser:
        walker = Walker(browser)
        walker.start()
        walker.answer("WA", expect="state")
        cookie = browser.get_cookie("shortfall_session")
        assert cookie is not None
    with make_app(database_url).test_client() as same_browser:
        same_browser.set_cookie("shortfall_session", cookie.value)
        assert 'value="WA" selected' in same_browser.get("/questions/state").text
        assert same_browser.get("/questions/occupancy").status_code == 200


def test_delete_my_answers_really_deletes(walker: Walker, app: Any) -> None:
    walker.start()
    walker.answer_all(HOME)
    page = walker.client.get("/delete")
    assert "Yes, delete my answers" in page.text
    response = walker.client.post("/delete", data={"csrf_token": csrf_token(page.text)})
    assert response.headers["Location"] == "/deleted"
    from sqlalchemy import create_engine, text

    engine = create_engine(app.config["DATABASE_URL"])
    with engine.connect() as connection:
        assert connection.execute(text("select count(*) from interviews")).scalar() == 0
        assert connection.execute(text("select count(*) from browser_sessions")).scalar() == 0
    assert walker.client.get("/questions/state").headers["Location"].startswith("/")
    # The database file no longer holds the answer text anywhere.
    path = app.config["DATABASE_URL"].removeprefix("sqlite:///")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(path, "rb") as stored:
        assert b"primary_residence" not in stored.read()


def test_back_link_and_going_back_keeps_answers(walker: Walker) -> None:
    walker.start()
    walker.answer_all(HOME + BEHIND + [("loan-count", "1")])
    page = walker.page("/questions/loan-purpose/1").text
    assert 'href="/questions/loan-count"' in page
    assert re.search(r'value="1"[^>]*checked', walker.page("/questions/loan-count").text)
    assert re.search(
        r'value="behind_on_payments"[^>]*checked', walker.page("/questions/stage").text
    )


def test_double_submit_is_harmless(walker: Walker) -> None:
    walker.start()
    page = walker.page()
    data = {"answer": "OR", "csrf_token": csrf_token(page.text)}
    first = walker.client.post("/questions/state", data=data)
    second = walker.client.post("/questions/state", data=data)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"] == "/questions/occupancy"


def test_no_skipping_ahead(walker: Walker) -> None:
    walker.start()
    response = walker.client.get("/questions/stage")
    assert response.status_code == 302 and response.headers["Location"] == "/questions/state"
    response = walker.client.get("/check-answers")
    assert response.headers["Location"] == "/questions/state"


def test_without_an_interview_pages_send_you_to_start(client: FlaskClient) -> None:
    assert client.get("/questions/state").headers["Location"] == "/"
    assert client.get("/check-answers").headers["Location"] == "/"
    assert client.get("/save").headers["Location"] == "/"


def test_unknown_pages_are_404(walker: Walker) -> None:
    walker.start()
    assert walker.client.get("/questions/nope").status_code == 404
    assert walker.client.get("/questions/state/2").status_code == 404
    assert walker.client.get("/questions/loan-purpose").status_code == 404
    assert "Page not found" in walker.client.get("/nope").text


def test_error_summary_and_field_message(walker: Walker) -> None:
    walker.start()
    walker.answer_all(
        HOME
        + BEHIND
        + [("loan-count", "1"), ("loan-purpose/1", "purchase"), ("loan-owner/1", "va")]
    )
    assert walker.url == "/questions/loan-principal/1"
    response = walker.post_raw({"answer": "-5"})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert 'href="#answer"' in response.text
    assert "Enter an amount of $0 or more." in response.text
    assert 'value="-5"' in response.text  # what was typed is kept
    assert "<title>Error:" in response.text


def test_future_sale_date_refused_when_done(walker: Walker) -> None:
    walker.start()
    walker.answer_all(HOME + [("loan-count", "1")] + loan(1, "purchase", "1"))
    walker.answer_all([("stage", "foreclosure_sale_done"), ("foreclosure-type", "judicial")])
    response = walker.post_raw(date_parts("2026-11-26"))
    assert "Enter a date that is today or earlier." in response.text
    response = walker.post_raw(date_parts("2026-02-30"))
    assert "That date does not exist" in response.text
    assert 'value="30"' in response.text


def test_missing_csrf_token_keeps_what_was_typed(walker: Walker) -> None:
    walker.start()
    response = walker.client.post("/questions/state", data={"answer": "TX"})
    assert response.status_code == 200
    assert "select Continue again" in response.text
    assert 'value="TX" selected' in response.text
    assert walker.client.post("/start").status_code == 400


def test_no_choice_made_gets_the_right_message(walker: Walker) -> None:
    walker.start()
    walker.answer("CA")
    response = walker.post_raw({})
    assert "Choose one of the answers." in response.text
    response = walker.post_raw({"answer": "castle"})
    assert "Choose one of the answers shown." in response.text


def test_pay_and_tax_questions_feed_the_case(walker: Walker) -> None:
    walker.start()
    walker.answer_all([*HOME, ("loan-count", "1"), *loan(1, "purchase", "200000")])
    walker.answer_all(
        [
            ("stage", "behind_on_payments"),
            ("home-value", "180000"),
            ("bankruptcy", "none"),
            ("lawsuit-served", "no"),
            ("want-pay-estimate", "yes"),
            ("pay-period", "biweekly"),
            ("pay-after-taxes", "1,450.00"),
            ("want-tax-check", "yes"),
            ("assets-value", "60000"),
            ("debts-total", "230000"),
        ]
    )
    assert walker.url == "/check-answers"
    result = facts(walker)
    assert result["pay_period"] == "biweekly" and result["pay_after_taxes"] == "1450.00"
    assert result["assets_value"] == "60000.00" and result["debts_total"] == "230000.00"


def test_page_count_is_given_only_once_the_path_is_known(walker: Walker) -> None:
    walker.start()
    first = walker.page().text
    assert "Page 1. Most people answer 15 to 30 pages." in first and "of about" not in first
    walker.answer_all(HOME + BEHIND + [("loan-count", "1")])
    page = walker.page().text
    found = re.search(r"Page (\d+) of about (\d+)\.", page)
    assert found is not None
    number, total = map(int, found.groups())
    assert number == 6  # state, occupancy, stage, home value, loan count, then this page
    assert total >= number


def test_sale_date_known_only_by_its_month(walker: Walker) -> None:
    walker.start()
    walker.answer_all(
        [
            ("state", "TX"),
            ("occupancy", "primary_residence"),
            ("stage", "foreclosure_sale_done"),
            ("foreclosure-type", "nonjudicial"),
            ("sale-date", {"answer-month": "11", "answer-day": "", "answer-year": "2024"}),
            ("sale-price", "200000"),
            ("home-value", "220000"),
            ("written-release", "no"),
            ("loan-count", "1"),
            *loan(1, "purchase", "250000"),
            ("bankruptcy", "none"),
            ("lawsuit-served", "no"),
            ("want-pay-estimate", "no"),
            ("want-tax-check", "no"),
        ]
    )
    assert walker.url == "/check-answers", walker.url
    assert "November 2024 (day not known)" in walker.page("/check-answers").text
    result = facts(walker)
    assert result["sale_date"] == "2024-11-01" and result["sale_date_precision"] == "month"
    # The month, not the day, comes back when the person goes back to the page.
    page = walker.page("/questions/sale-date").text
    assert 'value="11"' in page and 'value="2024"' in page
    assert re.search(r'name="answer-day"[^>]*value=""', page)
    # Two years from a day in November 2024 ends between November 1 and 30, 2026: on
    # November 25 it may have passed, so the answer names the exact day as what tells.
    report = walker.page("/report").text
    assert "between November 1, 2026 and November 30, 2026" in report
    assert "We cannot tell yet" in report
    assert "the date of the sale" in report.lower()


def test_two_tabs_saving_at_once_keep_both_answers(database_url: str) -> None:
    from .two_tabs import two_tabs_keep_both_answers

    assert two_tabs_keep_both_answers(make_app(database_url), 100) == 100
