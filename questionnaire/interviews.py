"""Interviews: one person's saved answers, resume codes, and deleting them for real."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from typing import Any

from flask import current_app, g, session
from sqlalchemy import bindparam, delete, select, text, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from .database import db
from .models import BrowserSession, Interview
from .server_session import aware, utcnow

# Crockford's base32: no I, L, O or U, so codes are easy to read aloud and type.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 random bits
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
# An interview by its id (built once, run on every page).
_BY_ID = select(Interview).where(Interview.id == bindparam("id"))


def _lifetime() -> dt.timedelta:
    return dt.timedelta(days=current_app.config["RETENTION_DAYS"])


def current_interview() -> Interview | None:
    """The interview this browser is working on, if it still exists and has not expired; on a
    counselor's case pages, the case's interview."""
    case_interview: Interview | None = g.get("case_interview")
    if case_interview is not None:
        return case_interview
    interview_id = session.get("interview_id")
    if not isinstance(interview_id, int):
        return None
    interview = db().execute(_BY_ID, {"id": interview_id}).scalar_one_or_none()
    if interview is None or aware(interview.expires_at) <= utcnow():
        return None
    return interview


def start_interview(language: str) -> Interview:
    """Create an empty interview and tie it to this browser."""
    now = utcnow()
    interview = Interview(
        answers="{}",
        language=language,
        created_at=now,
        updated_at=now,
        expires_at=now + _lifetime(),
    )
    database = db()
    database.add(interview)
    database.commit()
    session["interview_id"] = interview.id
    return interview


def set_language(language: str) -> None:
    """Store a newly chosen language with this browser's interview, if it has one."""
    interview = current_interview()
    if interview is not None and interview.language != language:
        interview.language = language
        db().commit()


def answers_of(interview: Interview) -> dict[str, str]:
    """The stored answers, keyed by question id (and item number for loans)."""
    data = json.loads(interview.answers or "{}")
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def save_answer(interview: Interview, key: str, value: str) -> None:
    """Store one answer at once (every page POST saves) and push the expiry back.

    The write is a compare-and-swap on the stored document: it only lands if nobody saved in
    between, else the newer answers are read and this one is applied to them. Two tabs
    posting different questions at the same moment both keep their answer, on SQLite and
    PostgreSQL alike, and a document is never half written."""
    database = db()
    for _attempt in range(_SAVE_ATTEMPTS):
        before = interview.answers or "{}"
        answers = answers_of(interview)
        answers[key] = value
        now = utcnow()
        # Never shorten: a counselor's case keeps its answers as long as the case lives.
        expires = max(aware(interview.expires_at), now + _lifetime())
        saved: CursorResult[Any] = database.execute(  # type: ignore[assignment]
            update(Interview)
            .where(Interview.id == interview.id, Interview.answers == before)
            .values(
                answers=json.dumps(answers, sort_keys=True),
                updated_at=now,
                expires_at=expires,
            )
            .execution_options(synchronize_session=False)
        )
        if saved.rowcount == 1:
            for also in g.get("with_each_answer", ()):
                also(database)  # e.g. a case's version and audit record: the same commit
        database.commit()
        database.refresh(interview)  # what is stored now: ours, or another save's
        if saved.rowcount == 1:
            return
    raise RuntimeError("the answers kept changing while saving; nothing was lost, try again")


_SAVE_ATTEMPTS = 50


def normalise_code(text: str) -> str:
    """Read a typed resume code: any case, spaces or dashes, O for 0 and I or L for 1."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t").translate(_CONFUSABLE)
    return (
        cleaned if len(cleaned) == CODE_LENGTH and all(c in CODE_ALPHABET for c in cleaned) else ""
    )


def _code_hash(code: str) -> str:
    return hashlib.sha256(f"resume:{code}".encode("ascii")).hexdigest()


def format_code(code: str) -> str:
    """Show a code in groups of four: ABCD-EFGH-JKMN."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def issue_resume_code(interview: Interview) -> str:
    """Make a new resume code for this interview; any older code stops working."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    interview.resume_code_hash = _code_hash(code)
    interview.expires_at = utcnow() + _lifetime()
    db().commit()
    return format_code(code)


def find_by_code(text: str) -> Interview | None:
    """The interview a typed resume code opens, or None if the code is wrong or expired."""
    code = normalise_code(text)
    if not code:
        return None
    interview = db().scalar(select(Interview).where(Interview.resume_code_hash == _code_hash(code)))
    if interview is None or aware(interview.expires_at) <= utcnow():
        return None
    return interview


def delete_interview(interview: Interview) -> None:
    """Delete the answers for good: no copy left in the database file or its write-ahead log."""
    database = db()
    database.delete(interview)
    database.commit()
    forget_deleted(database)


def forget_deleted(database: Session) -> None:
    """On SQLite, copy the log into the file and empty it, so deleted answers are not kept.

    secure_delete overwrites deleted rows in the database file, but the write-ahead log still
    holds the pages as they were until a checkpoint; TRUNCATE writes them back (overwritten)
    and cuts the log to zero bytes."""
    if database.get_bind().dialect.name == "sqlite":
        database.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        database.commit()


def purge_expired(now: dt.datetime | None = None) -> tuple[int, int]:
    """Delete expired interviews and sessions; returns how many of each were removed."""
    moment = now or utcnow()
    database = db()
    interviews = database.execute(delete(Interview).where(Interview.expires_at <= moment))
    sessions = database.execute(delete(BrowserSession).where(BrowserSession.expires_at <= moment))
    database.commit()
    forget_deleted(database)
    return interviews.rowcount, sessions.rowcount  # type: ignore[attr-defined]
