"""Serving many people: health checks, HTTPS headers, and deletion that leaves no copy on disk."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from flask.testing import FlaskClient

from .conftest import Walker, csrf_token, form_token, make_app

CANARY = "77777.77"  # an answer no other text contains


def test_healthz_answers_without_a_session(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}
    assert "Set-Cookie" not in response.headers


def test_healthz_says_when_the_database_is_gone(tmp_path: Path) -> None:
    app = make_app(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    app.extensions["shortfall.engine"].dispose()
    from sqlalchemy.orm import sessionmaker

    from questionnaire.database import make_engine

    # A database that cannot be opened: a folder where the file should be.
    (tmp_path / "missing").mkdir()
    engine = make_engine(f"sqlite:///{tmp_path / 'missing'}")
    app.extensions["shortfall.sessionmaker"] = sessionmaker(engine)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503 and response.get_json()["status"] == "unavailable"


def test_hsts_only_when_cookies_are_secure(tmp_path: Path) -> None:
    plain = make_app(f"sqlite:///{tmp_path / 'a.sqlite3'}").test_client().get("/")
    assert "Strict-Transport-Security" not in plain.headers
    secure = make_app(f"sqlite:///{tmp_path / 'b.sqlite3'}", SESSION_COOKIE_SECURE=True)
    response = secure.test_client().get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith("db.sqlite3"))


def _answer_canary(client: FlaskClient) -> None:
    walker = Walker(client)
    walker.start()
    walker.answer_all([("state", "CA"), ("occupancy", "primary_residence")])
    walker.known.update({"stage": "foreclosure_sale_done", "foreclosure-type": "nonjudicial"})
    walker.answer_all([])
    while "/questions/" in walker.url and "sale-price" not in walker.url:
        from bench.situations import default_answer

        walker.answer(default_answer(walker.page().text))
    walker.answer(CANARY)


def test_deleting_leaves_no_copy_in_any_database_file(tmp_path: Path) -> None:
    app = make_app(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with app.test_client() as client:
        _answer_canary(client)
        assert any(CANARY.encode() in p.read_bytes() for p in _files(tmp_path))
        # Owner-only: the database and its log hold people's answers.
        for path in _files(tmp_path):
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path.name
        page = client.get("/delete")
        response = client.post("/delete", data={"csrf_token": csrf_token(page.text)})
        assert response.status_code == 303
        assert "cookies" in response.headers["Clear-Site-Data"]
    leftovers = [p.name for p in _files(tmp_path) if CANARY.encode() in p.read_bytes()]
    assert leftovers == []


def test_purging_leaves_no_copy_in_any_database_file(tmp_path: Path) -> None:
    import datetime as dt

    app = make_app(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with app.test_client() as client:
        _answer_canary(client)
    with app.app_context():
        from questionnaire.interviews import purge_expired
        from questionnaire.server_session import utcnow

        interviews, _sessions = purge_expired(utcnow() + dt.timedelta(days=31))
        assert interviews == 1
    leftovers = [p.name for p in _files(tmp_path) if CANARY.encode() in p.read_bytes()]
    assert leftovers == []


def test_the_access_log_cannot_be_forged_with_a_path() -> None:
    import datetime as dt
    from types import SimpleNamespace

    from gunicorn.config import Config

    from questionnaire.access_log import SafeLogger, escape_control

    logger = SafeLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/x%0d%0aFAKE",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "PATH_INFO": '/x\r\n127.0.0.1 "GET /admin" 200',
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = SimpleNamespace(status="404 NOT FOUND", sent=0, headers=[])
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, dt.timedelta(0))
    line = logger.cfg.access_log_format % atoms
    assert "\n" not in line and "\r" not in line
    assert "\\x0d\\x0a" in atoms["U"]
    assert escape_control("a\tb\x1bc") == "a\\x09b\\x1bc"


def test_start_gives_a_new_session_token(client: FlaskClient) -> None:
    # A visitor's session is made only when they start or resume.
    for url in ("/", "/resume", "/delete", "/?lang=es", "/no-such-page"):
        assert "shortfall_session" not in client.get(url).headers.get("Set-Cookie", ""), url
    assert client.get_cookie("shortfall_session") is None
    Walker(client).start()
    planted = client.get_cookie("shortfall_session")
    assert planted is not None
    # Starting again from a session (e.g. a token someone planted) gives a new token.
    page = client.get("/")
    response = client.post("/start", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 303
    started = client.get_cookie("shortfall_session")
    assert started is not None and started.value != planted.value
    # The old token opens nothing any more.
    with make_app_like(client) as other:
        other.set_cookie("shortfall_session", planted.value)
        assert "Carry on" not in other.get("/").text


def make_app_like(client: FlaskClient) -> FlaskClient:
    return client.application.test_client()


def test_an_active_session_slides_its_expiry(client: FlaskClient) -> None:
    import datetime as dt

    from sqlalchemy import select, update

    from questionnaire.models import BrowserSession

    walker = Walker(client)
    walker.start()
    app = client.application
    with app.app_context():
        from questionnaire.database import db

        soon = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
        db().execute(update(BrowserSession).values(expires_at=soon))
        db().commit()
    response = client.get(walker.url)  # reading a page, no change to the session
    assert response.status_code == 200
    assert "Max-Age=2592000" in response.headers.get("Set-Cookie", "")
    with app.app_context():
        from questionnaire.database import db
        from questionnaire.server_session import aware

        row = db().scalars(select(BrowserSession)).one()
        assert aware(row.expires_at) > dt.datetime.now(dt.UTC) + dt.timedelta(days=29)
    again = client.get(walker.url)  # within the hour: no write, no new cookie
    assert "Set-Cookie" not in again.headers


def test_secure_cookies_use_the_host_prefix(tmp_path: Path) -> None:
    app = make_app(f"sqlite:///{tmp_path / 'db.sqlite3'}", SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    page = client.get("/", base_url="https://localhost")
    assert "Set-Cookie" not in page.headers  # no session before the person starts
    response = client.post(
        "/start",
        data={"csrf_token": form_token(page.text)},
        base_url="https://localhost",
        headers={"Referer": "https://localhost/"},  # HTTPS forms check where they came from
    )
    assert response.status_code == 303
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-shortfall_session=") and "Secure" in cookie
    assert "Domain" not in cookie and "Path=/" in cookie
    switched = client.get("/?lang=es", base_url="https://localhost")
    assert switched.headers["Set-Cookie"].startswith("__Host-shortfall_language=es")


def test_a_shared_database_needs_a_shared_secret_key(monkeypatch: object) -> None:
    import pytest

    from questionnaire import create_app
    from questionnaire.config import ConfigurationError

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.delenv("SHORTFALL_SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@/nowhere")
    with pytest.raises(ConfigurationError, match="SHORTFALL_SECRET_KEY"):
        create_app({"TESTING": True})


def _limited_app(tmp_path: Path, **limits: object) -> FlaskClient:
    tmp_path.mkdir(parents=True, exist_ok=True)
    app = make_app(f"sqlite:///{tmp_path / 'db.sqlite3'}", RATELIMIT_ENABLED=True, **limits)
    return app.test_client()


def _start(client: FlaskClient, forwarded_for: str | None = None) -> int:
    client.delete_cookie("shortfall_session")  # each start as a new visitor
    page = client.get("/")
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    response = client.post("/start", data={"csrf_token": form_token(page.text)}, headers=headers)
    return response.status_code


def test_starting_answering_and_pdfs_are_rate_limited(tmp_path: Path) -> None:
    client = _limited_app(
        tmp_path, START_RATE_LIMIT="2 per minute", ANSWER_RATE_LIMIT="3 per minute"
    )
    walker = Walker(client)
    walker.start()  # the first of 2 starts allowed a minute
    walker.url = "/questions/state"
    responses = [walker.post_raw({"answer": "CA"}) for _ in range(4)]
    assert [r.status_code for r in responses] == [303, 303, 303, 429]
    # Reading a question is not limited: only answers are.
    assert [client.get("/questions/occupancy").status_code for _ in range(5)] == [200] * 5
    assert [_start(client), _start(client)] == [303, 429]
    assert "Too many tries" in responses[-1].text and "Retry-After" in responses[-1].headers


def test_limits_key_on_the_client_behind_a_trusted_proxy(tmp_path: Path) -> None:
    behind = _limited_app(tmp_path / "a", START_RATE_LIMIT="1 per minute", TRUSTED_PROXIES=1)
    assert _start(behind, "203.0.113.1") == 303
    assert _start(behind, "203.0.113.2") == 303  # another person behind the same proxy
    assert _start(behind, "203.0.113.1") == 429
    direct = _limited_app(tmp_path / "b", START_RATE_LIMIT="1 per minute")
    assert _start(direct, "203.0.113.1") == 303
    assert _start(direct, "203.0.113.2") == 429  # no trusted proxy: the header is ignored


def test_servers_starting_together_migrate_once(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text

    from .migrate_race import migrate_at_once

    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    assert migrate_at_once(url) == ["ok"] * 4
    with create_engine(url).connect() as connection:
        assert connection.execute(text("select count(*) from alembic_version")).scalar() == 1


def test_a_post_from_another_site_cannot_start_or_resume(client: FlaskClient) -> None:
    elsewhere = {"Origin": "https://attacker.example"}
    assert client.post("/start", data={}, headers=elsewhere).status_code == 400
    assert (
        client.post("/resume", data={"code": "ABCD-1234-EFGH"}, headers=elsewhere).status_code
        == 400
    )
    assert client.get_cookie("shortfall_session") is None
    ours = {"Origin": "http://localhost"}
    assert client.post("/start", data={}, headers=ours).status_code == 303


def test_when_the_session_has_ended_the_typed_answer_is_given_back(client: FlaskClient) -> None:
    from sqlalchemy import delete

    from questionnaire.models import BrowserSession

    walker = Walker(client)
    walker.start()
    walker.answer_all([("state", "CA"), ("occupancy", "primary_residence")])
    page = walker.page()  # a question page, left open
    token = csrf_token(page.text)
    with client.application.app_context():
        from questionnaire.database import db

        db().execute(delete(BrowserSession))  # the session runs out (expired and purged)
        db().commit()
    response = client.post(walker.url, data={"answer": "foreclosure_started", "csrf_token": token})
    assert response.status_code == 400
    assert "Your session has ended" in response.text
    assert "foreclosure_started" in response.text  # what they gave, to give again
    assert 'href="/resume"' in response.text and "Start again" in response.text
    client.set_cookie("shortfall_language", "es")
    spanish = client.post(walker.url, data={"answer": "1,250", "csrf_token": token})
    assert "Su sesión terminó" in spanish.text and "1,250" in spanish.text
