"""Server-side sessions: the cookie carries only a random token; the data stays in the database."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
from typing import Any

from flask import Flask, Request, Response
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.engine import Engine
from werkzeug.datastructures import CallbackDict

from .models import BrowserSession

SLIDE_EVERY = dt.timedelta(hours=1)
"""How often an active session's expiry is pushed back (one write an hour at most)."""

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")  # 32 random bytes, URL-safe base64
# A session's data and expiry by its token's hash (built once, run on every request).
_FIND = select(BrowserSession.data, BrowserSession.expires_at).where(
    BrowserSession.token_hash == bindparam("token_hash")
)


def token_hash(token: str) -> str:
    """Only this hash is stored, so a copy of the database gives no live sessions."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def utcnow() -> dt.datetime:
    """The current time in UTC (naive datetimes are never stored)."""
    return dt.datetime.now(dt.UTC)


def aware(moment: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes; treat them as the UTC we stored."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class ServerSession(CallbackDict[str, Any], SessionMixin):
    """Session data loaded from, and saved to, the browser_sessions table."""

    def __init__(self, initial: dict[str, Any] | None = None, token: str | None = None) -> None:
        def on_update(_self: Any) -> None:
            self.modified = True

        super().__init__(initial or {}, on_update)
        self.token = token
        self.expires_at: dt.datetime | None = None
        self.new = token is None
        self.modified = False
        self.rotate = False

    def regenerate(self) -> None:
        """Give this browser a fresh token at the next save (after resuming, against fixation)."""
        self.rotate = True
        self.modified = True


class ServerSessionInterface(SessionInterface):
    """Flask session interface backed by the app's database."""

    def _slide(self, app: Flask, session: ServerSession, response: Response) -> None:
        """Push an active session's expiry back, at most once per SLIDE_EVERY (not a write
        per request), so a person who keeps working never loses their session."""
        if session.token is None or session.expires_at is None or not session:
            return
        lifetime = app.permanent_session_lifetime
        expires = utcnow() + lifetime
        if expires - session.expires_at < SLIDE_EVERY:
            return
        with app.extensions["shortfall.sessionmaker"]() as db, db.begin():
            db.execute(
                update(BrowserSession)
                .where(BrowserSession.token_hash == token_hash(session.token))
                .values(expires_at=expires)
            )
        self._set_cookie(app, session.token, response)

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        if "HTTP_COOKIE" not in request.environ:
            return ServerSession()  # no cookies at all (API clients, a first visit)
        token = request.cookies.get(self.get_cookie_name(app), "")
        if not _TOKEN.match(token):
            return ServerSession()
        # One read on every request: a plain query on a pooled connection, not an ORM session.
        engine: Engine = app.extensions["shortfall.engine"]
        with engine.connect() as connection:
            row = connection.execute(_FIND, {"token_hash": token_hash(token)}).first()
        if row is None or aware(row.expires_at) <= utcnow():
            return ServerSession()
        try:
            data = json.loads(row.data)
        except ValueError:
            data = {}
        session = ServerSession(data if isinstance(data, dict) else {}, token=token)
        session.expires_at = aware(row.expires_at)
        return session

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        assert isinstance(session, ServerSession)
        name = self.get_cookie_name(app)
        domain, path = self.get_cookie_domain(app), self.get_cookie_path(app)
        secure, samesite = self.get_cookie_secure(app), self.get_cookie_samesite(app)
        if not session.modified:
            self._slide(app, session, response)
            return
        sessionmaker = app.extensions["shortfall.sessionmaker"]
        with sessionmaker() as db, db.begin():
            if session.token is not None and (session.rotate or not session):
                db.execute(
                    delete(BrowserSession).where(
                        BrowserSession.token_hash == token_hash(session.token)
                    )
                )
            if not session:
                response.delete_cookie(
                    name, path=path, domain=domain, secure=secure, httponly=True, samesite=samesite
                )
                return
            lifetime = app.permanent_session_lifetime
            expires = utcnow() + lifetime
            if session.token is None or session.rotate:
                session.token = secrets.token_urlsafe(32)
                db.add(
                    BrowserSession(
                        token_hash=token_hash(session.token),
                        data=json.dumps(dict(session)),
                        created_at=utcnow(),
                        expires_at=expires,
                    )
                )
            else:
                row = db.scalar(
                    select(BrowserSession).where(
                        BrowserSession.token_hash == token_hash(session.token)
                    )
                )
                if row is None:  # deleted meanwhile (expired, purged): start a new one
                    session.token = secrets.token_urlsafe(32)
                    row = BrowserSession(token_hash=token_hash(session.token), created_at=utcnow())
                    db.add(row)
                row.data = json.dumps(dict(session))
                row.expires_at = expires
        self._set_cookie(app, session.token, response)

    def _set_cookie(self, app: Flask, token: str, response: Response) -> None:
        response.set_cookie(
            self.get_cookie_name(app),
            token,
            max_age=int(app.permanent_session_lifetime.total_seconds()),
            path=self.get_cookie_path(app),
            domain=self.get_cookie_domain(app),
            secure=self.get_cookie_secure(app),
            httponly=True,
            samesite=self.get_cookie_samesite(app),
        )
        response.vary.add("Cookie")
