"""Counselor cases through the test client: start a case, answer its questions on the same
pages homeowners use, read its report and PDF, import a homeowner's answers by resume code,
notes, status changes that never overwrite silently, and no way into another agency's case."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from bench.situations import SITUATIONS, default_answer
from questionnaire.counselor import accounts
from questionnaire.database import db
from questionnaire.models import Agency, AuditEvent, ClientCase

from .conftest import Walker, csrf_token, form_token

PASSWORD = "maple kettle orbit 42 lantern"
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(name="people")
def people_fixture(app: Flask) -> None:
    """Agency A with an admin and a counselor; agency B with its admin."""
    with app.app_context():
        session = db()
        agency, admin = accounts.create_agency(
            session, "Hope", "ada@hope.org", "Ada", PASSWORD, NOW
        )
        accounts.add_person(
            session, agency, "cal@hope.org", "Cal", "counselor", PASSWORD, admin, NOW
        )
        accounts.create_agency(session, "Other", "bo@other.org", "Bo", PASSWORD, NOW)
        session.commit()


def sign_in(app: Flask, email: str) -> FlaskClient:
    """A browser of its own, signed in with both factors."""
    client = app.test_client()
    page = client.get("/counselor/sign-in")
    data = {"email": email, "password": PASSWORD}
    token = form_token(page.text)
    if token:
        data["csrf_token"] = token
    assert client.post("/counselor/sign-in", data=data).status_code == 303
    page = client.get("/counselor/set-up-second-factor")
    key = re.search(r'<code class="setup-key" lang="en">([A-Z2-7 ]+)</code>', page.text)
    assert key is not None
    code = pyotp.TOTP(key.group(1).replace(" ", "")).now()
    done = client.post(
        "/counselor/set-up-second-factor", data={"code": code, "csrf_token": csrf_token(page.text)}
    )
    assert "Keep your recovery codes" in done.text
    return client


def start_case(client: FlaskClient, reference: str, code: str = "") -> int:
    page = client.get("/cases/new")
    response = client.post(
        "/cases/new",
        data={"reference": reference, "code": code, "csrf_token": csrf_token(page.text)},
    )
    assert response.status_code == 303, response.text[:500]
    found = re.search(r"/cases/(\d+)$", response.headers["Location"])
    assert found is not None
    return int(found.group(1))


def walk_case(client: FlaskClient, case_id: int, answers: dict[str, Any]) -> list[str]:
    """Answer the case's questions as the situation says, on the homeowners' pages."""
    url = client.get(f"/cases/{case_id}/answers/check-answers").headers["Location"]
    visited = []
    while "/questions/" in url:
        assert url.startswith(f"/cases/{case_id}/answers/questions/"), url
        page = client.get(url)
        assert page.status_code == 200
        question = url.split("/questions/", 1)[1].split("?")[0]
        visited.append(question)
        value = answers[question] if question in answers else default_answer(page.text)
        data = dict(value) if isinstance(value, dict) else {"answer": value}
        data["csrf_token"] = csrf_token(page.text)
        response = client.post(url, data=data)
        assert response.status_code == 303, (question, response.status_code)
        url = response.headers["Location"]
    assert url == f"/cases/{case_id}/answers/check-answers"
    return visited


@pytest.mark.usefixtures("people")
def test_a_case_is_answered_on_the_same_pages_and_has_its_report_and_pdf(app: Flask) -> None:
    client = sign_in(app, "cal@hope.org")
    case_id = start_case(client, "H-2026-001")
    case_page = client.get(f"/cases/{case_id}")
    assert "Case H-2026-001" in case_page.text
    visited = walk_case(client, case_id, SITUATIONS["tx-trustee-sale"])
    assert len(visited) > 10
    check = client.get(f"/cases/{case_id}/answers/check-answers")
    assert check.status_code == 200 and f'href="/cases/{case_id}/report"' in check.text
    assert 'href="/save"' not in check.text  # saving is automatic in a case
    report = client.get(f"/cases/{case_id}/report")
    assert report.status_code == 200 and "Texas" in report.text
    assert f'action="/cases/{case_id}/report.pdf"' in report.text
    assert f'href="/cases/{case_id}/answers/check-answers"' in report.text
    pdf = client.post(
        f"/cases/{case_id}/report.pdf", data={"csrf_token": csrf_token(report.text), "name": ""}
    )
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    # The browser's own (homeowner) answers were never touched.
    assert client.get("/check-answers").headers["Location"].endswith("/")
    with app.app_context():
        case = db().get(ClientCase, case_id)
        assert case is not None and case.version == 1 + len(visited)
        actions = [(e.action, e.subject) for e in db().scalars(select(AuditEvent))]
    assert actions.count(("changed", "case")) == len(visited)
    assert ("viewed", "case") in actions


@pytest.mark.usefixtures("people")
def test_a_homeowner_hands_their_answers_over_by_resume_code(app: Flask) -> None:
    client = app.test_client()  # the homeowner's browser
    walker = Walker(client)
    walker.start()
    walker.answer("TX", expect="/questions/state")
    save = client.get("/save")
    assert "counselor" in save.text  # the save page says a counselor can use the code
    shown = client.post("/save", data={"csrf_token": csrf_token(save.text)})
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", shown.text)
    assert code is not None
    counselor = sign_in(app, "cal@hope.org")
    case_id = start_case(counselor, "H-2026-002", code.group(0))
    first = counselor.get(f"/cases/{case_id}/answers/check-answers").headers["Location"]
    assert "/questions/state" not in first  # the state came with the answers
    page = counselor.get(f"/cases/{case_id}/answers/questions/state")
    assert 'value="TX" selected' in page.text or 'value="TX"' in page.text
    counselor.post(
        f"/cases/{case_id}/answers/questions/state",
        data={"answer": "CA", "csrf_token": csrf_token(page.text)},
    )
    # The homeowner's own copy still says Texas.
    assert 'value="TX" selected' in client.get("/questions/state").text
    wrong = counselor.post(
        "/cases/new",
        data={
            "reference": "H-3",
            "code": "AAAA-BBBB-CCCC",
            "csrf_token": csrf_token(counselor.get("/cases/new").text),
        },
    )
    assert wrong.status_code == 200 and "could not find answers" in wrong.text


@pytest.mark.usefixtures("people")
def test_two_counselors_at_once_never_overwrite_each_other(app: Flask) -> None:
    ada, cal = sign_in(app, "ada@hope.org"), sign_in(app, "cal@hope.org")
    case_id = start_case(cal, "H-2026-003")
    seen_by_ada = ada.get(f"/cases/{case_id}").text
    seen_by_cal = cal.get(f"/cases/{case_id}").text
    version = re.search(r'name="version"[^>]*value="(\d+)"', seen_by_ada)
    assert version is not None
    with app.app_context():
        counselors = {
            n: i for i, n in [(u.id, u.name) for u in db().scalars(select(accounts.User))]
        }
    first = ada.post(
        f"/cases/{case_id}",
        data={"status": "referred", "counselor": counselors["Ada"], "version": version.group(1),
              "csrf_token": csrf_token(seen_by_ada)},
    )  # fmt: skip
    assert first.status_code == 303
    second = cal.post(
        f"/cases/{case_id}",
        data={"status": "closed", "counselor": counselors["Cal"], "version": version.group(1),
              "csrf_token": csrf_token(seen_by_cal)},
    )  # fmt: skip
    assert second.status_code == 200
    assert "Someone else changed this case while you had it open" in second.text
    with app.app_context():
        case = db().get(ClientCase, case_id)
        assert case is not None and case.status == "referred"
    # Notes written at the same time are both kept.
    for client, page, text in (
        (ada, seen_by_ada, "Sent the letter."),
        (cal, seen_by_cal, "Client called."),
    ):
        response = client.post(
            f"/cases/{case_id}/notes", data={"body": text, "csrf_token": csrf_token(page)}
        )
        assert response.status_code == 303
    notes = ada.get(f"/cases/{case_id}").text
    assert "Sent the letter." in notes and "Client called." in notes


@pytest.mark.usefixtures("people")
def test_another_agency_cannot_see_or_change_a_case(app: Flask) -> None:
    cal = sign_in(app, "cal@hope.org")
    case_id = start_case(cal, "H-2026-004")
    walk_case(cal, case_id, SITUATIONS["tx-trustee-sale"])
    bo = sign_in(app, "bo@other.org")
    page = bo.get("/cases/")
    assert "H-2026-004" not in page.text
    token = csrf_token(page.text)
    for method, path in (
        ("get", f"/cases/{case_id}"),
        ("get", f"/cases/{case_id}/answers/check-answers"),
        ("get", f"/cases/{case_id}/answers/questions/state"),
        ("post", f"/cases/{case_id}/answers/questions/state"),
        ("get", f"/cases/{case_id}/report"),
        ("post", f"/cases/{case_id}/report.pdf"),
        ("post", f"/cases/{case_id}"),
        ("post", f"/cases/{case_id}/notes"),
    ):
        response = getattr(bo, method)(
            path, data={"csrf_token": token, "answer": "CA", "body": "x"}
        )
        assert response.status_code == 404, (method, path, response.status_code)
    with app.app_context():
        case = db().get(ClientCase, case_id)
        assert case is not None and case.version > 1
        assert db().scalar(select(Agency.name).where(Agency.id == case.agency_id)) == "Hope"


def _quick_cases(app: Flask, email: str, items: list[tuple[str, dict[str, Any]]]) -> None:
    """Cases made directly, as if answered earlier."""
    import json

    from questionnaire.counselor import casework
    from questionnaire.models import User

    with app.app_context():
        person = db().scalar(select(User).where(User.email == email))
        assert person is not None
        for reference, answers in items:
            casework.open_case(db(), person, reference, "en", NOW, json.dumps(answers))
        db().commit()


@pytest.mark.usefixtures("people")
def test_the_case_list_searches_filters_and_pages(app: Flask) -> None:
    _quick_cases(
        app,
        "cal@hope.org",
        [(f"TX-{n:02d}", {"state": "TX"}) for n in range(20)]
        + [(f"CA-{n:02d}", {"state": "CA"}) for n in range(10)],
    )
    cal = sign_in(app, "cal@hope.org")
    everything = cal.get("/cases/")
    assert "30 cases" in everything.text and "Page 1 of 2" in everything.text
    second = cal.get("/cases/?page=2")
    assert len(re.findall(r'<th scope="row"', second.text)) == 5
    texas = cal.get("/cases/?state=TX")
    assert "20 cases" in texas.text and "CA-0" not in texas.text
    found = cal.get("/cases/?q=ca-07")
    assert "1 case" in found.text and "CA-07" in found.text
    assert "0 cases" in cal.get("/cases/?status=closed").text
    # A deadline filter needs the assessment: only a finished case has one.
    case_id = start_case(cal, "FULL-1")
    walk_case(cal, case_id, SITUATIONS["tx-trustee-sale"])
    soon = cal.get("/cases/?within=3650")
    assert "1 case" in soon.text and "FULL-1" in soon.text
    assert "0 cases" in cal.get("/cases/?within=0").text


@pytest.mark.usefixtures("people")
def test_the_export_neutralises_formulas_and_carries_the_figures(app: Flask) -> None:
    import csv
    import io
    import json

    cal = sign_in(app, "cal@hope.org")
    case_id = start_case(cal, '=HYPERLINK("http://evil.example","x")')
    walk_case(cal, case_id, SITUATIONS["ca-trustee-sale-two-loans"])
    for reference in ("+1 555", "-2", "@SUM(A1)", "plain"):
        start_case(cal, reference)
    response = cal.get("/cases/export.csv?from=2000-01-01&to=2100-01-01")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5
    references = {row["reference"] for row in rows}
    assert references == {
        '\'=HYPERLINK("http://evil.example","x")',
        "'+1 555",
        "'-2",
        "'@SUM(A1)",
        "plain",
    }
    full = next(row for row in rows if row["case_id"] == str(case_id))
    assert full["state"] == "CA" and full["answers_complete"] == "true"
    assert full["first_loan_collectability"] and full["second_loan_collectability"]
    data = json.loads(cal.get("/cases/export.json?from=2000-01-01&to=2100-01-01").text)
    assert len(data["cases"]) == 5
    (record,) = [case for case in data["cases"] if case["case_id"] == case_id]
    assert [loan["lien"] for loan in record["loans"]] == ["first", "second"]
    counts = cal.get("/cases/counts?from=2000-01-01&to=2100-01-01")
    assert "5 cases opened" in counts.text and "California" in counts.text
    with app.app_context():
        exported = db().scalars(select(AuditEvent).where(AuditEvent.action == "exported")).all()
    assert len(exported) == 2  # one record per export


@pytest.mark.usefixtures("people")
def test_a_cases_answers_outlive_the_homeowner_retention_and_follow_the_agencys(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answering a case never gives its answers the homeowners' 30 days; the purge command
    deletes a closed case once the agency's retention has passed, on a frozen clock."""
    from questionnaire import server_session
    from questionnaire.models import Interview

    cal = sign_in(app, "cal@hope.org")
    case_id = start_case(cal, "H-KEEP")
    walk_case(cal, case_id, SITUATIONS["tx-trustee-sale"])
    with app.app_context():
        case = db().get(ClientCase, case_id)
        assert case is not None
        interview_id = case.interview_id
    page = cal.get(f"/cases/{case_id}")
    version = re.search(r'name="version"[^>]*value="(\d+)"', page.text)
    assert version is not None
    with app.app_context():
        cal_id = db().scalar(select(accounts.User.id).where(accounts.User.email == "cal@hope.org"))
    closed = cal.post(
        f"/cases/{case_id}",
        data={"status": "closed", "counselor": cal_id, "version": version.group(1),
              "csrf_token": csrf_token(page.text)},
    )  # fmt: skip
    assert closed.status_code == 303
    runner = app.test_cli_runner()
    from questionnaire import interviews

    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=1094)
    monkeypatch.setattr(server_session, "utcnow", lambda: later)
    monkeypatch.setattr(interviews, "utcnow", lambda: later)
    assert "0 cases" in runner.invoke(args=["purge-expired"]).output
    with app.app_context():  # three years on, the homeowners' 30 days long past: still here
        assert db().get(Interview, interview_id) is not None
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=1096)
    monkeypatch.setattr(server_session, "utcnow", lambda: later)
    monkeypatch.setattr(interviews, "utcnow", lambda: later)
    output = runner.invoke(args=["purge-expired"]).output
    assert "1 cases" in output
    with app.app_context():
        assert db().get(ClientCase, case_id) is None
        assert db().get(Interview, interview_id) is None
