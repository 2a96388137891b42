"""The agency admin's pages through the test client: people, settings, audit trail, client
contacts, deleting a case, and the case PDF's cover."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pyotp
from flask import Flask
from sqlalchemy import func, select

from questionnaire.database import db
from questionnaire.models import AuditEvent, CaseNote, ClientCase, ClientContact, Interview, User

from .conftest import csrf_token, make_app
from .test_counselor_cases import SITUATIONS, people_fixture, sign_in, start_case, walk_case
from .test_pdf import text_of

__all__ = ["people_fixture"]
NEW = "quiet harbor violin 73 pebble"


def test_an_admin_adds_a_counselor_who_signs_in_and_can_be_switched_off(
    app: Flask, people: None
) -> None:
    ada = sign_in(app, "ada@hope.org")
    page = ada.get("/agency/people")
    assert page.status_code == 200 and "Cal" in page.text
    weak = ada.post(
        "/agency/people",
        data={"name": "Dee", "email": "dee@hope.org", "role": "counselor",
              "password": "Password1234!", "csrf_token": csrf_token(page.text)},
    )  # fmt: skip
    assert "That password is easy to guess" in weak.text
    added = ada.post(
        "/agency/people",
        data={"name": "Dee", "email": "dee@hope.org", "role": "counselor", "password": NEW,
              "csrf_token": csrf_token(page.text)},
    )  # fmt: skip
    assert "Dee can now sign in" in added.text
    dee = app.test_client()
    dee.post("/counselor/sign-in", data={"email": "dee@hope.org", "password": NEW})
    setup = dee.get("/counselor/set-up-second-factor")
    key = re.search(r'<code class="setup-key" lang="en">([A-Z2-7 ]+)</code>', setup.text)
    assert key is not None
    dee.post(
        "/counselor/set-up-second-factor",
        data={"code": pyotp.TOTP(key.group(1).replace(" ", "")).now(),
              "csrf_token": csrf_token(setup.text)},
    )  # fmt: skip
    assert dee.get("/cases/").status_code == 200
    assert dee.get("/agency/people").status_code == 404  # counselors do not see admin pages
    with app.app_context():
        dee_id = db().scalar(select(User.id).where(User.email == "dee@hope.org"))
    page = ada.get("/agency/people")
    off = ada.post(f"/agency/people/{dee_id}/off", data={"csrf_token": csrf_token(page.text)})
    assert off.status_code == 303
    assert dee.get("/cases/").status_code == 302  # switched off: signed out at once


def test_settings_contacts_deletion_and_the_audit_trail(app: Flask, people: None) -> None:
    ada = sign_in(app, "ada@hope.org")
    settings = ada.get("/agency/settings")
    bad = ada.post(
        "/agency/settings",
        data={"retention_days": "5", "csrf_token": csrf_token(settings.text)},
    )
    assert "from 30 to 3650" in bad.text
    saved = ada.post(
        "/agency/settings",
        data={"retention_days": "730", "keeps_client_contact": "y",
              "csrf_token": csrf_token(settings.text)},
    )  # fmt: skip
    assert saved.status_code == 303
    case_id = start_case(ada, "H-9")
    page = ada.get(f"/cases/{case_id}")
    assert "Client&#39;s name and contact" in page.text or "Client's name and contact" in page.text
    ada.post(
        f"/cases/{case_id}/contact",
        data={"name": "Ana Pérez", "contact": "555-0100", "csrf_token": csrf_token(page.text)},
    )
    ada.post(
        f"/cases/{case_id}/notes", data={"body": "Met Ana.", "csrf_token": csrf_token(page.text)}
    )
    assert "Ana Pérez" in ada.get(f"/cases/{case_id}").text
    not_confirmed = ada.post(f"/cases/{case_id}/delete", data={"csrf_token": csrf_token(page.text)})
    assert not_confirmed.headers["Location"].endswith(f"/cases/{case_id}")
    gone = ada.post(
        f"/cases/{case_id}/delete", data={"confirm": "yes", "csrf_token": csrf_token(page.text)}
    )
    assert (
        gone.status_code == 303 and "The case was deleted" in ada.get(gone.headers["Location"]).text
    )
    assert ada.get(f"/cases/{case_id}").status_code == 404
    with app.app_context():
        for table in (ClientCase, CaseNote, ClientContact):
            assert db().scalar(select(func.count()).select_from(table)) == 0
        assert db().scalar(select(func.count()).select_from(Interview)) == 0
        last = db().scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert last is not None and (last.action, last.subject_id) == ("deleted", case_id)
    audit = ada.get("/agency/audit")
    assert audit.status_code == 200 and "deleted" in audit.text and "Ana" not in audit.text
    rows = list(csv.DictReader(io.StringIO(ada.get("/agency/audit.csv").text)))
    actions = [row["action"] for row in rows]
    assert actions.count("deleted") == 1 and "Ana Pérez" not in str(rows)
    # The export of the audit is itself recorded.
    with app.app_context():
        exported = db().scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.subject == "audit")
        )
    assert exported == 1


def test_the_case_pdf_names_the_case_and_counselor_on_its_cover(app: Flask, people: None) -> None:
    cal = sign_in(app, "cal@hope.org")
    case_id = start_case(cal, "H-2026-777")
    walk_case(cal, case_id, SITUATIONS["fl-judicial-sale-sued"])
    report = cal.get(f"/cases/{case_id}/report")
    pdf = cal.post(
        f"/cases/{case_id}/report.pdf", data={"csrf_token": csrf_token(report.text), "name": ""}
    )
    assert pdf.status_code == 200
    assert "Case H-2026-777. Counselor: Cal." in text_of(pdf.data)


def test_the_audit_trail_has_one_record_per_action(app: Flask, people: None) -> None:
    """Each action a counselor takes leaves exactly one record, in order."""
    cal = sign_in(app, "cal@hope.org")
    with app.app_context():
        first = db().scalar(select(func.max(AuditEvent.id)))
    case_id = start_case(cal, "H-AUDIT")  # created
    page = cal.get(f"/cases/{case_id}")  # viewed
    cal.post(f"/cases/{case_id}/notes", data={"body": "x", "csrf_token": csrf_token(page.text)})
    question = cal.get(f"/cases/{case_id}/answers/questions/state")
    cal.post(  # one answer: changed
        f"/cases/{case_id}/answers/questions/state",
        data={"answer": "TX", "csrf_token": csrf_token(question.text)},
    )
    cal.get("/cases/export.csv")  # exported
    with app.app_context():
        events = (
            db()
            .scalars(select(AuditEvent).where(AuditEvent.id > first).order_by(AuditEvent.id))
            .all()
        )
    assert [(e.action, e.subject) for e in events] == [
        ("created", "case"),
        ("viewed", "case"),
        ("created", "note"),
        ("changed", "case"),
        ("exported", "cases"),
    ]


def test_sign_in_posts_are_rate_limited(tmp_path: Path) -> None:
    app = make_app(
        f"sqlite:///{tmp_path / 'limits.sqlite3'}",
        RATELIMIT_ENABLED=True,
        SIGN_IN_RATE_LIMIT="3 per minute",
    )
    client = app.test_client()
    codes = [
        client.post(
            "/counselor/sign-in", data={"email": "cal@hope.org", "password": "wrong one here"}
        ).status_code
        for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]


def test_an_admin_clears_a_lost_second_step_and_the_person_sets_a_new_one(
    app: Flask, people: None
) -> None:
    cal = sign_in(app, "cal@hope.org")
    ada = sign_in(app, "ada@hope.org")
    with app.app_context():
        cal_id = db().scalar(select(User.id).where(User.email == "cal@hope.org"))
    page = ada.get("/agency/people")
    cleared = ada.post(
        f"/agency/people/{cal_id}/second-factor", data={"csrf_token": csrf_token(page.text)}
    )
    assert cleared.status_code == 303
    assert cal.get("/cases/").status_code == 302  # signed out everywhere
    again = sign_in(app, "cal@hope.org")  # the first-time set-up again, with a new key
    assert again.get("/cases/").status_code == 200
    page = ada.get("/agency/people")
    ada.post(f"/agency/people/{cal_id}/off", data={"csrf_token": csrf_token(page.text)})
    ada.post(f"/agency/people/{cal_id}/on", data={"csrf_token": csrf_token(page.text)})
    with app.app_context():
        person = db().get(User, cal_id)
        assert person is not None and person.active
    own = ada.post(
        f"/agency/people/{_id_of(app, 'ada@hope.org')}/off",
        data={"csrf_token": csrf_token(page.text)},
    )
    assert own.status_code == 400  # an admin cannot switch themselves off


def _id_of(app: Flask, email: str) -> int:
    with app.app_context():
        found = db().scalar(select(User.id).where(User.email == email))
    assert found is not None
    return int(found)
