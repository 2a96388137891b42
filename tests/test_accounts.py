"""Counselor accounts: password rules and hashes, sign-in with lockout that reveals nothing,
the second factor with single-use codes, resets that end sessions, and the create command."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from pathlib import Path

import pyotp
import pytest
from flask import Flask
from sqlalchemy import select

from questionnaire.counselor import accounts
from questionnaire.counselor.accounts import AccountError
from questionnaire.counselor.passwords import password_problem
from questionnaire.database import db
from questionnaire.models import Agency, AuditEvent, User

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
GOOD = "maple kettle orbit 42 lantern"


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short pass", "too_short"),
        ("Password1234!", "easy_to_guess"),
        ("qwertyuiop123", "easy_to_guess"),
        ("aaaaaaaaaaaaaaaa", "easy_to_guess"),
        ("ana.perez@agency.org", "easy_to_guess"),  # her own email
        ("x" * 300, "too_long"),
        (GOOD, None),
    ],
)
def test_password_rules(password: str, problem: str | None) -> None:
    assert password_problem(password, ["ana.perez@agency.org", "Ana Perez"]) == problem


def _agency(app: Flask) -> tuple[Agency, User]:
    with app.app_context():
        agency, admin = accounts.create_agency(
            db(), "Hope Housing", "Admin@Hope.org", "Ada Admin", GOOD, NOW
        )
        db().commit()
        return agency, admin


def test_a_new_agency_has_an_admin_with_an_argon2id_hash_and_audit_records(app: Flask) -> None:
    agency, admin = _agency(app)
    assert admin.email == "admin@hope.org" and admin.role == "agency_admin"
    assert admin.password_hash.startswith("$argon2id$") and GOOD not in admin.password_hash
    with app.app_context():
        events = db().scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [(e.action, e.subject) for e in events] == [
            ("created", "agency"),
            ("created", "user"),
        ]
        with pytest.raises(AccountError, match="email_taken"):
            accounts.add_person(
                db(), agency, "admin@HOPE.org", "Other", "counselor", GOOD, None, NOW
            )


def test_five_wrong_passwords_lock_the_account_for_a_while(app: Flask) -> None:
    _agency(app)
    with app.app_context():
        session = db()
        assert accounts.sign_in(session, "admin@hope.org", GOOD, NOW) is not None
        for _attempt in range(5):
            assert accounts.sign_in(session, "admin@hope.org", "wrong password!", NOW) is None
        # Locked: even the right password is refused, with the same answer as a wrong one.
        assert accounts.sign_in(session, "admin@hope.org", GOOD, NOW) is None
        later = NOW + dt.timedelta(minutes=16)
        assert accounts.sign_in(session, "ADMIN@hope.org ", GOOD, later) is not None
        session.commit()
        actions = [e.action for e in session.scalars(select(AuditEvent))]
        assert actions.count("locked") == 1 and actions.count("sign_in_refused") == 6


def test_an_unknown_email_takes_as_long_as_a_wrong_password(app: Flask) -> None:
    _agency(app)
    with app.app_context():
        session = db()

        def timed(email: str) -> float:
            start = time.perf_counter()
            assert accounts.sign_in(session, email, "wrong password!", NOW) is None
            return time.perf_counter() - start

        known = statistics.median(timed("admin@hope.org") for _ in range(3))
        unknown = statistics.median(timed("nobody@hope.org") for _ in range(3))
        session.rollback()
    assert 0.5 < unknown / known < 2  # both run one argon2 check


def test_the_second_factor_accepts_each_code_once_and_recovery_codes_once(app: Flask) -> None:
    _agency(app)
    with app.app_context():
        session = db()
        admin = session.scalar(select(User))
        assert admin is not None
        secret = accounts.start_second_factor(admin)
        assert accounts.confirm_second_factor(session, admin, "000000", NOW) is None
        code = pyotp.TOTP(secret).at(NOW)
        recovery = accounts.confirm_second_factor(session, admin, code, NOW)
        assert recovery is not None and len(recovery) == 10 and admin.totp_confirmed
        # The same code again (a replay) is refused; the next step's code works.
        assert not accounts.check_second_factor(session, admin, code, NOW)
        later = NOW + dt.timedelta(seconds=30)
        assert accounts.check_second_factor(session, admin, pyotp.TOTP(secret).at(later), later)
        assert accounts.check_second_factor(session, admin, recovery[0].upper(), later)
        assert not accounts.check_second_factor(session, admin, recovery[0], later)
        assert not accounts.check_second_factor(session, admin, "not-a-code", later)


def test_a_reset_or_switch_off_ends_every_session_of_the_person(app: Flask) -> None:
    agency, _admin = _agency(app)
    with app.app_context():
        session = db()
        admin = session.scalar(select(User))
        assert admin is not None
        counselor = accounts.add_person(
            session, agency, "c@hope.org", "Cal", "counselor", GOOD + " x", admin, NOW
        )
        before = counselor.session_version
        with pytest.raises(AccountError, match="too_short"):
            accounts.set_password(session, counselor, "short", admin, NOW, agency)
        new = "river candle piano 77 meadow"
        accounts.set_password(session, counselor, new, admin, NOW, agency)
        assert counselor.session_version == before + 1
        accounts.switch_off(session, counselor, admin, NOW)
        assert counselor.session_version == before + 2
        assert accounts.sign_in(session, "c@hope.org", new, NOW) is None


def test_the_create_agency_command(app: Flask, tmp_path: Path) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["create-agency", "--name", "Casa Segura", "--admin-email", "a@casa.org",
              "--admin-name", "Ana", "--password", GOOD],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Created agency" in result.output and "a@casa.org" in result.output
    again = runner.invoke(
        args=["create-agency", "--name", "Other", "--admin-email", "b@casa.org",
              "--admin-name", "Bo", "--password", "Password1234!"],
    )  # fmt: skip
    assert again.exit_code == 1 and "easy to guess" in again.output
    with app.app_context():
        assert [a.name for a in db().scalars(select(Agency))] == ["Casa Segura"]
