"""Serving many people: health checks, HTTPS headers, and deletion that leaves no copy on disk."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from flask.testing import FlaskClient

from .conftest import Walker, csrf_token, make_app

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
