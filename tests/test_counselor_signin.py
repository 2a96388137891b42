"""Counselor sign-in through the test client: password, second factor set up at the first
sign-in, recovery codes, sign-out, idle and absolute limits, and sessions ended by resets."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from questionnaire.counselor import accounts, signin
from questionnaire.database import db
from questionnaire.models import AuditEvent, User

from .conftest import csrf_token, form_token

PASSWORD = "maple kettle orbit 42 lantern"
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def agency(app: Flask) -> None:
    with app.app_context():
        accounts.create_agency(db(), "Hope Housing", "ada@hope.org", "Ada Admin", PASSWORD, NOW)
        db().commit()


def password_step(client: FlaskClient, password: str = PASSWORD, **extra: str) -> Any:
    page = client.get("/counselor/sign-in")
    assert page.status_code == 200 and "Set-Cookie" not in page.headers  # no session yet
    data = {"email": "Ada@Hope.org", "password": password, **extra}
    token = form_token(page.text)
    if token:
        data["csrf_token"] = token
    return client.post("/counselor/sign-in", data=data)


def set_up_second_factor(client: FlaskClient) -> tuple[str, list[str]]:
    """The first sign-in: read the key from the page, type a code from it."""
    response = password_step(client)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/counselor/set-up-second-factor")
    page = client.get("/counselor/set-up-second-factor")
    assert page.status_code == 200 and "<svg" in page.text  # the QR code, made here
    key = re.search(r'<code class="setup-key" lang="en">([A-Z2-7 ]+)</code>', page.text)
    assert key is not None
    secret = key.group(1).replace(" ", "")
    wrong = client.post(
        "/counselor/set-up-second-factor",
        data={"code": "000000", "csrf_token": csrf_token(page.text)},
    )
    assert "That code is not right" in wrong.text
    done = client.post(
        "/counselor/set-up-second-factor",
        data={"code": pyotp.TOTP(secret).now(), "csrf_token": csrf_token(page.text)},
    )
    assert done.status_code == 200 and "Keep your recovery codes" in done.text
    codes = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", done.text)
    assert len(codes) == 10
    return secret, codes


def sign_out(client: FlaskClient) -> None:
    page = client.get("/cases/")
    response = client.post("/counselor/sign-out", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 303


@pytest.mark.usefixtures("agency")
def test_first_sign_in_sets_up_the_second_factor_then_signs_in(
    app: Flask, client: FlaskClient
) -> None:
    wrong = password_step(client, "not the password at all")
    assert wrong.status_code == 200 and "The email or password is not right" in wrong.text
    assert 'href="#password"' in wrong.text  # the error summary leads to the field
    # Before the second factor, nothing of counselor mode opens.
    assert client.get("/cases/").status_code == 302
    _secret, _codes = set_up_second_factor(client)
    cases = client.get("/cases/")
    assert cases.status_code == 200 and "Signed in as Ada Admin, Hope Housing." in cases.text
    assert "Your agency has no cases yet." in cases.text
    assert "We sign you out after 30 minutes with no activity." in cases.text
    with app.app_context():
        actions = [e.action for e in db().scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions[-3:] == ["sign_in_refused", "second_factor_set", "signed_in"]
    sign_out(client)
    assert client.get("/cases/").headers["Location"].startswith("/counselor/sign-in")


@pytest.mark.usefixtures("agency")
def test_later_sign_ins_ask_for_a_code_once_and_take_a_recovery_code(
    client: FlaskClient,
) -> None:
    secret, codes = set_up_second_factor(client)
    used = pyotp.TOTP(secret).now()
    sign_out(client)
    response = password_step(client)
    assert response.headers["Location"].endswith("/counselor/second-factor")
    page = client.get("/counselor/second-factor")
    replay = client.post(
        "/counselor/second-factor", data={"code": used, "csrf_token": csrf_token(page.text)}
    )
    assert "That code is not right" in replay.text  # the code used at set-up works once
    ok = client.post(
        "/counselor/second-factor", data={"code": codes[3], "csrf_token": csrf_token(page.text)}
    )
    assert ok.status_code == 303 and ok.headers["Location"].endswith("/cases/")
    assert client.get("/cases/").status_code == 200


@pytest.mark.usefixtures("agency")
def test_the_session_ends_after_30_idle_minutes_and_after_12_hours(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_up_second_factor(client)
    start = dt.datetime.now(dt.UTC)

    def at(moment: dt.datetime) -> None:
        monkeypatch.setattr(signin, "utcnow", lambda: moment)

    at(start + dt.timedelta(minutes=29))
    page = client.get("/cases/")
    assert page.status_code == 200
    # "Stay signed in" resets the idle limit (WCAG 2.2.1: the person can extend).
    at(start + dt.timedelta(minutes=50))
    stay = client.post(
        "/counselor/stay-signed-in", data={"csrf_token": csrf_token(page.text), "back": "/cases/"}
    )
    assert stay.status_code == 303 and stay.headers["Location"] == "/cases/"
    at(start + dt.timedelta(minutes=75))
    assert client.get("/cases/").status_code == 200
    for minutes in range(100, 12 * 60, 25):  # kept busy, but the day ends
        at(start + dt.timedelta(minutes=minutes))
        assert client.get("/cases/").status_code == 200
    at(start + dt.timedelta(hours=12, minutes=1))
    ended = client.get("/cases/")
    assert ended.status_code == 302 and "ended=1" in ended.headers["Location"]
    assert "You were signed out" in client.get(ended.headers["Location"]).text


@pytest.mark.usefixtures("agency")
def test_idle_for_31_minutes_signs_out(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_up_second_factor(client)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=31)
    monkeypatch.setattr(signin, "utcnow", lambda: later)
    response = client.get("/cases/")
    assert response.status_code == 302 and "next=/cases/" in response.headers["Location"]


@pytest.mark.usefixtures("agency")
def test_a_password_reset_ends_the_session(app: Flask, client: FlaskClient) -> None:
    set_up_second_factor(client)
    with app.app_context():
        admin = db().scalar(select(User))
        assert admin is not None
        agency = admin.agency_id
        from questionnaire.models import Agency

        accounts.set_password(
            db(), admin, "river candle piano 77 meadow", admin, NOW, db().get(Agency, agency)
        )
        db().commit()
    assert client.get("/cases/").status_code == 302


@pytest.mark.usefixtures("agency")
def test_sign_in_from_another_site_and_open_redirects_are_refused(client: FlaskClient) -> None:
    forged = client.post(
        "/counselor/sign-in",
        data={"email": "ada@hope.org", "password": PASSWORD},
        headers={"Origin": "https://evil.example"},
    )
    assert forged.status_code == 400
    response = password_step(client, next="https://evil.example/steal")
    assert response.status_code == 303
    page = client.get("/counselor/set-up-second-factor")
    secret = re.search(r'<code class="setup-key" lang="en">([A-Z2-7 ]+)</code>', page.text)
    assert secret is not None
    done = client.post(
        "/counselor/set-up-second-factor",
        data={
            "code": pyotp.TOTP(secret.group(1).replace(" ", "")).now(),
            "csrf_token": csrf_token(page.text),
        },
    )
    assert 'href="/cases/"' in done.text and "evil.example" not in done.text
