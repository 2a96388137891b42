"""Agencies and their people: create, sign in (with lockout), second factor, reset, switch off.

Every function takes the request's database session and the time, adds an audit record, and
leaves the commit to the caller: the action and its record are written together."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Agency, RecoveryCode, User
from . import second_factor
from .audit import record
from .passwords import (
    dummy_check,
    hash_password,
    needs_new_hash,
    password_matches,
    password_problem,
)

AGENCY_ADMIN = "agency_admin"
COUNSELOR = "counselor"
ROLES = (AGENCY_ADMIN, COUNSELOR)

MAX_FAILED_SIGN_INS = 5
LOCK_TIME = dt.timedelta(minutes=15)


class AccountError(ValueError):
    """A request about an account that cannot be done; `code` says why (words come later)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def normal_email(email: str) -> str:
    return email.strip().lower()


def create_agency(
    session: Session, name: str, admin_email: str, admin_name: str, password: str, now: dt.datetime
) -> tuple[Agency, User]:
    """A new agency with its first admin (from the `flask create-agency` command)."""
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise AccountError("agency_name")
    agency = Agency(name=name, retention_days=1095, keeps_client_contact=False, created_at=now)
    session.add(agency)
    session.flush()
    record(session, agency.id, None, "created", "agency", agency.id, now)
    admin = add_person(session, agency, admin_email, admin_name, AGENCY_ADMIN, password, None, now)
    return agency, admin


def add_person(
    session: Session,
    agency: Agency,
    email: str,
    name: str,
    role: str,
    password: str,
    by: User | None,
    now: dt.datetime,
) -> User:
    """A new admin or counselor of the agency, with a password they change or keep."""
    email = normal_email(email)
    name = " ".join(name.split())
    if role not in ROLES:
        raise AccountError("role")
    if "@" not in email or len(email) > 254 or any(c.isspace() for c in email):
        raise AccountError("email")
    if not name or len(name) > 200:
        raise AccountError("name")
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise AccountError("email_taken")
    problem = password_problem(password, [email, name, agency.name])
    if problem:
        raise AccountError(problem)
    person = User(
        agency_id=agency.id,
        email=email,
        name=name,
        role=role,
        password_hash=hash_password(password),
        totp_secret=None,
        totp_confirmed=False,
        totp_last_step=0,
        active=True,
        failed_logins=0,
        locked_until=None,
        session_version=0,
        created_at=now,
        password_changed_at=now,
    )
    session.add(person)
    session.flush()
    record(session, agency.id, by.id if by else None, "created", "user", person.id, now)
    return person


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def sign_in(session: Session, email: str, password: str, now: dt.datetime) -> User | None:
    """The person, when the email and password are right and the account may sign in now.

    The same None, in about the same time, for an unknown email, a wrong password, a locked
    or a switched-off account: the answer must not tell which accounts exist. Five wrong
    passwords in a row lock the account for 15 minutes."""
    person = session.scalar(select(User).where(User.email == normal_email(email)))
    if person is None:
        dummy_check()
        return None
    right = password_matches(person.password_hash, password)
    locked = person.locked_until is not None and _aware(person.locked_until) > now
    if right and not locked and person.active:
        person.failed_logins = 0
        if needs_new_hash(person.password_hash):
            person.password_hash = hash_password(password)
        return person
    if not right and not locked:
        person.failed_logins += 1
        if person.failed_logins >= MAX_FAILED_SIGN_INS:
            person.failed_logins = 0
            person.locked_until = now + LOCK_TIME
            record(session, person.agency_id, person.id, "locked", "user", person.id, now)
    record(session, person.agency_id, person.id, "sign_in_refused", "user", person.id, now)
    return None


def start_second_factor(person: User) -> str:
    """A new TOTP secret for the person to add to their app; it counts once a code matches."""
    person.totp_secret = second_factor.new_secret()
    person.totp_confirmed = False
    person.totp_last_step = 0
    return person.totp_secret


def confirm_second_factor(
    session: Session, person: User, code: str, now: dt.datetime
) -> list[str] | None:
    """Turn the second factor on when the code matches; returns new recovery codes (shown
    once), or None when the code does not match."""
    if not person.totp_secret:
        return None
    step = second_factor.accepted_step(
        person.totp_secret, code, person.totp_last_step, now.timestamp()
    )
    if step is None:
        return None
    person.totp_confirmed = True
    person.totp_last_step = step
    for old in session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == person.id)):
        session.delete(old)
    codes = second_factor.new_recovery_codes()
    for code_text in codes:
        session.add(
            RecoveryCode(user_id=person.id, code_hash=second_factor.recovery_hash(code_text))
        )
    record(session, person.agency_id, person.id, "second_factor_set", "user", person.id, now)
    return codes


def check_second_factor(session: Session, person: User, code: str, now: dt.datetime) -> bool:
    """Whether the code from the person's app, or one unused recovery code, is right."""
    if not person.totp_confirmed or not person.totp_secret:
        return False
    step = second_factor.accepted_step(
        person.totp_secret, code, person.totp_last_step, now.timestamp()
    )
    if step is not None:
        person.totp_last_step = step
        return True
    wanted = second_factor.recovery_hash(code)
    for unused in session.scalars(
        select(RecoveryCode).where(
            RecoveryCode.user_id == person.id, RecoveryCode.used_at.is_(None)
        )
    ):
        if unused.code_hash == wanted:
            unused.used_at = now
            record(
                session, person.agency_id, person.id, "recovery_code_used", "user", person.id, now
            )
            return True
    return False


def second_factor_failed(session: Session, person: User, now: dt.datetime) -> bool:
    """Count a wrong second-factor code like a wrong password; True when that locks the
    account (the person must then start again from the password)."""
    person.failed_logins += 1
    record(session, person.agency_id, person.id, "sign_in_refused", "user", person.id, now)
    if person.failed_logins < MAX_FAILED_SIGN_INS:
        return False
    person.failed_logins = 0
    person.locked_until = now + LOCK_TIME
    record(session, person.agency_id, person.id, "locked", "user", person.id, now)
    return True


def set_password(
    session: Session, person: User, password: str, by: User, now: dt.datetime, agency: Agency
) -> None:
    """A new password (the person's own change, or an admin's reset); every session of the
    person ends."""
    problem = password_problem(password, [person.email, person.name, agency.name])
    if problem:
        raise AccountError(problem)
    person.password_hash = hash_password(password)
    person.password_changed_at = now
    person.session_version += 1
    person.failed_logins = 0
    person.locked_until = None
    action = "changed" if by.id == person.id else "password_reset"
    record(session, person.agency_id, by.id, action, "user", person.id, now)


def reset_second_factor(session: Session, person: User, by: User, now: dt.datetime) -> None:
    """An admin clears a lost second factor: the person sets a new one at the next sign-in."""
    person.totp_secret = None
    person.totp_confirmed = False
    person.session_version += 1
    for old in session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == person.id)):
        session.delete(old)
    record(session, person.agency_id, by.id, "changed", "user", person.id, now)


def switch_off(session: Session, person: User, by: User, now: dt.datetime) -> None:
    """The person can no longer sign in, and their sessions end; their cases stay."""
    person.active = False
    person.session_version += 1
    record(session, person.agency_id, by.id, "switched_off", "user", person.id, now)


def switch_on(session: Session, person: User, by: User, now: dt.datetime) -> None:
    person.active = True
    record(session, person.agency_id, by.id, "changed", "user", person.id, now)
