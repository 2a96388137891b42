"""Shared fixtures: an app on a fresh SQLite file, a client that walks the questionnaire, and
the outside services some tests need (PostgreSQL, Redis, a render worker), which
scripts/test starts."""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from questionnaire import create_app

ROOT = Path(__file__).resolve().parent.parent

TODAY = dt.date(2026, 11, 25)


def make_app(database_url: str, **overrides: Any) -> Flask:
    """An app for tests with a fixed secret, date and database."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": database_url,
        "TODAY": TODAY,
        "RATELIMIT_ENABLED": False,
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture
def app(database_url: str) -> Flask:
    return make_app(database_url)


@pytest.fixture
def client(app: Flask) -> Iterator[FlaskClient]:
    with app.test_client() as test_client:
        yield test_client


_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def form_token(html: str) -> str:
    """The CSRF token in a page if it has one: pages seen before a session starts have none."""
    match = _CSRF.search(html)
    return (match.group(1) or match.group(2)) if match else ""


def csrf_token(html: str) -> str:
    """The CSRF token in a page (a page of someone who has started must have one)."""
    match = _CSRF.search(html)
    assert match, "page has no CSRF token"
    return match.group(1) or match.group(2)


class Walker:
    """Drives the questionnaire like a person: GET a page, POST an answer, follow the redirect."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.url = "/"
        self.known: dict[str, Any] = {}

    def start(self) -> str:
        page = self.client.get("/")
        response = self.client.post("/start", data={"csrf_token": form_token(page.text)})
        assert response.status_code == 303
        self.url = response.headers["Location"]
        return self.url

    def page(self, url: str | None = None) -> Any:
        response = self.client.get(url or self.url)
        assert response.status_code == 200, (url or self.url, response.status_code)
        return response

    def answer(self, value: Any, expect: str | None = None) -> str:
        """Answer the current page; `value` is a string or a dict of form fields."""
        if expect is not None:
            assert self.url.split("?")[0].endswith(expect), f"expected {expect}, at {self.url}"
        page = self.page()
        data = dict(value) if isinstance(value, dict) else {"answer": value}
        data["csrf_token"] = csrf_token(page.text)
        response = self.client.post(self.url, data=data)
        assert response.status_code == 303, (self.url, response.status_code, _errors(response.text))
        self.url = response.headers["Location"]
        return self.url

    def answer_all(self, answers: list[tuple[str, Any]]) -> str:
        """Give these answers, by question, and answer every page the person knows the answer
        to, in whatever order the questionnaire asks: answers given earlier wait for their page.

        An answer is used once. A page with no known answer stops the walk (the test goes on
        from there); answers to questions this person's path never asks are never used."""
        self.known.update(dict(answers))
        while "/questions/" in self.url:
            question = self.url.split("/questions/", 1)[1].split("?")[0]
            if question not in self.known:
                break
            self.answer(self.known.pop(question))
        return self.url

    def post_raw(self, data: dict[str, Any], url: str | None = None) -> Any:
        page = self.page(url)
        return self.client.post(url or self.url, data={**data, "csrf_token": csrf_token(page.text)})


def _errors(html: str) -> list[str]:
    return re.findall(r'class="usa-error-message"[^>]*>(.*?)</span>\s*</', html, re.S)


def date_parts(iso: str) -> dict[str, str]:
    year, month, day = iso.split("-")
    return {"answer-month": month, "answer-day": day, "answer-year": year}


@pytest.fixture
def walker(client: FlaskClient) -> Walker:
    return Walker(client)


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL_TEST")
    if not url:
        if os.environ.get("SHORTFALL_REQUIRE_REDIS") == "1":
            pytest.fail("REDIS_URL_TEST is not set but the Redis tests are required")
        pytest.skip("no Redis server (scripts/test starts one)")
    import redis

    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    base = os.environ.get("DATABASE_URL_TEST")
    if not base:
        if os.environ.get("SHORTFALL_REQUIRE_POSTGRES") == "1":
            pytest.fail("DATABASE_URL_TEST is not set but PostgreSQL tests are required")
        pytest.skip("no PostgreSQL server (scripts/test starts one)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"shortfall_test_{secrets.token_hex(4)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def render_worker(redis_url: str, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """`scripts/render-worker` with one process, as on a render machine of its own."""
    from redis import Redis
    from rq import Worker

    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        worker = subprocess.Popen(
            [sys.executable, "-m", "questionnaire.render_queue", "--processes", "1"],
            cwd=ROOT,
            env={**os.environ, "SHORTFALL_RENDER_QUEUE": redis_url},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    connection = Redis.from_url(redis_url)
    for _ in range(300):
        if Worker.all(connection=connection):
            break
        time.sleep(0.1)
    else:
        worker.kill()
        pytest.fail("the render worker did not start: " + log.read_text())
    yield worker, log
    worker.kill()
    worker.wait(10)
