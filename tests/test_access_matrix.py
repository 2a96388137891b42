"""Every counselor route and API call, tried by each of two agencies' admin and counselor and
by a signed-out browser, against agency A's case and people. Nothing of A may be read or
changed by anyone outside A, and counselors never reach the admin pages."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, text

from questionnaire.database import db
from questionnaire.models import User

from .conftest import csrf_token
from .test_counselor_cases import NOW, SITUATIONS, people_fixture, sign_in, walk_case
from .test_pdf import text_of

__all__ = ["people_fixture"]

SECRETS = ("A-SECRET-REF", "Secret note of A", "Zoe Secret-Client", "555-0199")
COUNSELOR_BLUEPRINTS = ("cases.", "case_pages.", "case_report.", "exports.", "agency.", "api.")


A_OWNS = {
    "agencies": "SELECT * FROM agencies WHERE id = :a",
    "users": "SELECT * FROM users WHERE agency_id = :a",
    "cases": "SELECT * FROM cases WHERE agency_id = :a",
    "case_notes": "SELECT n.* FROM case_notes n JOIN cases c ON c.id = n.case_id "
    "WHERE c.agency_id = :a",
    "client_contacts": "SELECT k.* FROM client_contacts k JOIN cases c ON c.id = k.case_id "
    "WHERE c.agency_id = :a",
    "interviews": "SELECT i.* FROM interviews i JOIN cases c ON c.interview_id = i.id "
    "WHERE c.agency_id = :a",
    "audit_events": "SELECT * FROM audit_events WHERE agency_id = :a",
}


def _snapshot_of_a(app: Flask, agency_id: int) -> str:
    """A fingerprint of every row agency A owns, its audit records included."""
    with app.app_context():
        rows = [
            (table, tuple(row))
            for table, query in A_OWNS.items()
            for row in db().execute(text(query), {"a": agency_id})
        ]
        db().rollback()
    return hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()


def _routes(app: Flask) -> list[tuple[str, str, str]]:
    """(endpoint, method, rule) for every counselor-mode and API route."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(COUNSELOR_BLUEPRINTS):
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                found.append((rule.endpoint, method, rule.rule))
    return found


def _url(rule: str, ids: dict[str, Any]) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1).split(":")[-1]
        return str(ids.get(name, "x"))

    return re.sub(r"<([^>]+)>", fill, rule)


def test_no_one_outside_an_agency_reads_or_changes_its_cases(app: Flask, people: None) -> None:
    app.config["RATELIMIT_ENABLED"] = False
    with app.app_context():
        agency_a = db().scalar(select(User.agency_id).where(User.email == "ada@hope.org"))
        agency_b = db().scalar(select(User.agency_id).where(User.email == "bo@other.org"))
        bo = db().scalar(select(User).where(User.email == "bo@other.org"))
        assert bo is not None and agency_a is not None and agency_b is not None
        from questionnaire.counselor import accounts
        from questionnaire.models import Agency

        b_agency = db().get(Agency, agency_b)
        assert b_agency is not None
        accounts.add_person(
            db(), b_agency, "bea@other.org", "Bea", "counselor",
            "maple kettle orbit 42 lantern", bo, NOW,
        )  # fmt: skip
        a_agency = db().get(Agency, agency_a)
        assert a_agency is not None
        a_agency.keeps_client_contact = True
        db().commit()
    cal = sign_in(app, "cal@hope.org")
    page = cal.get("/cases/new")
    made = cal.post(
        "/cases/new",
        data={"reference": SECRETS[0], "code": "", "csrf_token": csrf_token(page.text)},
    )
    case_id = int(made.headers["Location"].rsplit("/", 1)[1])
    walk_case(cal, case_id, SITUATIONS["tx-trustee-sale"])
    page = cal.get(f"/cases/{case_id}")
    token = csrf_token(page.text)
    cal.post(f"/cases/{case_id}/notes", data={"body": SECRETS[1], "csrf_token": token})
    cal.post(
        f"/cases/{case_id}/contact",
        data={"name": SECRETS[2], "contact": SECRETS[3], "csrf_token": token},
    )
    assert SECRETS[2] in cal.get(f"/cases/{case_id}").text
    with app.app_context():
        cal_id = db().scalar(select(User.id).where(User.email == "cal@hope.org"))
        bea_id = db().scalar(select(User.id).where(User.email == "bea@other.org"))
    # Outsiders first; then A's own people, whose changes (deleting the case, switching a
    # colleague off) are theirs to make and would only hide the outsiders' attempts.
    actors: dict[str, FlaskClient | None] = {
        "signed out": None,
        "B admin": sign_in(app, "bo@other.org"),
        "B counselor": sign_in(app, "bea@other.org"),
        "A counselor": cal,
        "A admin": sign_in(app, "ada@hope.org"),
    }
    ids = {"case_id": case_id, "user_id": cal_id, "question_id": "state", "item": 1,
           "change": "off", "code": "TX", "filename": "x"}  # fmt: skip
    counts = {"requests": 0, "cross_agency": 0, "cross_reads": 0, "cross_writes": 0,
              "counselor_admin_pages": 0, "signed_out_through": 0}  # fmt: skip
    problems = []
    routes = _routes(app)
    assert len(routes) >= 30
    for actor, client in actors.items():
        if actor == "A counselor":
            # Every outsider has tried every route: A's people still see all of A.
            assert SECRETS[2] in cal.get(f"/cases/{case_id}").text
        browser = client or app.test_client()
        outsider = actor.startswith("B") or actor == "signed out"
        for endpoint, method, rule in routes:
            if endpoint in ("exports.export_csv", "exports.export_json", "exports.counts"):
                url = _url(rule, ids) + "?from=2000-01-01&to=2100-01-01"
            else:
                url = _url(rule, ids)
            home = browser.get("/cases/")
            token = csrf_token(home.text) if home.status_code == 200 else ""
            data = {
                "csrf_token": token, "answer": "CA", "body": "planted", "status": "closed",
                "counselor": str(bea_id), "version": "1", "reference": "planted",
                "confirm": "yes", "name": "planted", "contact": "planted", "email": "p@x.org",
                "role": "counselor", "password": "quiet harbor violin 73 pebble",
                "retention_days": "30", "keeps_client_contact": "",
            }  # fmt: skip
            before = _snapshot_of_a(app, agency_a) if outsider else ""
            if endpoint.startswith("api."):
                body = json.dumps({"state": "TX", "stage": "foreclosure_sale_done"})
                response = browser.open(url, method=method, data=body,
                                        content_type="application/json")  # fmt: skip
            else:
                response = browser.open(url, method=method, data=data)
            counts["requests"] += 1
            data_out = response.get_data()
            if response.mimetype == "application/pdf":
                shown = text_of(data_out)  # the words on the PDF's pages
            else:
                shown = data_out.decode("utf-8", "replace")
            if outsider and not endpoint.startswith("api."):
                counts["cross_agency"] += 1
            if outsider and any(secret in shown for secret in SECRETS):
                counts["cross_reads"] += 1
                problems.append((actor, method, url, response.status_code, "read"))
            if outsider and _snapshot_of_a(app, agency_a) != before:
                counts["cross_writes"] += 1
                problems.append((actor, method, url, response.status_code, "write"))
            if (
                actor.endswith("counselor")
                and endpoint.startswith("agency.")
                and response.status_code < 400
            ):
                counts["counselor_admin_pages"] += 1
                problems.append((actor, method, url, response.status_code, "admin page"))
            if (
                actor == "signed out"
                and not endpoint.startswith("api.")
                and response.status_code < 300
            ):
                counts["signed_out_through"] += 1
                problems.append((actor, method, url, response.status_code, "signed out"))
    print("access matrix:", counts)
    assert problems == [], problems
    assert counts["cross_reads"] == counts["cross_writes"] == 0
