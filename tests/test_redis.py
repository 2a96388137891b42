"""Several app servers sharing one Redis: rate limits count across all of them, and people
whose every request lands on another server still finish, on one PostgreSQL database.

Each server runs in its own process (as on separate machines), on one database and the
same secret key; a person's requests alternate between them."""

from __future__ import annotations

import http.cookiejar
import multiprocessing
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests

from bench.situations import SITUATIONS, walk


def _serve(database: str, storage: str, ports: Any, config: dict[str, Any], log: Path) -> None:
    import os
    import sys

    from werkzeug.serving import make_server

    sys.stderr.flush()
    os.dup2(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), 2)  # errors to a file

    from .conftest import make_app

    settings = {"START_RATE_LIMIT": "3 per minute", **config}
    app = make_app(database, RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=storage, **settings)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    ports.put(server.server_port)
    server.serve_forever()


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[Any]:
    started: list[Any] = []

    def start(storage: str, count: int = 2, database: str = "", **config: Any) -> list[str]:
        context = multiprocessing.get_context("fork")
        ports = context.Queue()
        database = database or f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        for number in range(count):
            log = tmp_path / f"server-{len(started) + number}.log"
            process = context.Process(
                target=_serve, args=(database, storage, ports, config, log), daemon=True
            )
            process.start()
            started.append(process)
        return [f"http://127.0.0.1:{ports.get(timeout=60)}" for _ in range(count)]

    yield start
    for process in started:
        process.kill()
        process.join(5)


def _start_on(base: str) -> int:
    """A new visitor starts an interview on one server: GET the start page, POST /start."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    page = opener.open(base + "/").read().decode()
    assert 'name="csrf_token"' not in page  # no session, so no token, before starting
    data = urllib.parse.urlencode({}).encode()
    try:
        return int(opener.open(base + "/start", data=data).status)
    except urllib.error.HTTPError as error:
        return error.code


def test_two_servers_share_their_rate_limits(redis_url: str, servers: Any) -> None:
    bases = servers(redis_url)
    codes = [_start_on(bases[turn % 2]) for turn in range(4)]
    assert codes == [200, 200, 200, 429]  # 200: the start redirect was followed


def test_without_a_shared_store_each_server_counts_alone(servers: Any) -> None:
    bases = servers("memory://")
    codes = [_start_on(bases[turn % 2]) for turn in range(4)]
    assert codes == [200, 200, 200, 200]  # why several servers need Redis


class Alternating:
    """A person whose every request goes to the next server, as behind a round-robin proxy."""

    def __init__(self, bases: list[str]) -> None:
        self.bases = bases
        self.session = requests.Session()
        self.turn = 0

    def _next(self) -> str:
        self.turn += 1
        return self.bases[self.turn % len(self.bases)]

    def get(self, path: str) -> Any:
        response = self.session.get(self._next() + path, allow_redirects=False, timeout=60)
        response.status_code == 200 or pytest.fail(f"GET {path}: {response.status_code}")
        return response

    def post(self, path: str, data: dict[str, Any]) -> Any:
        return self.session.post(self._next() + path, data=data, allow_redirects=False, timeout=60)


@pytest.mark.postgres
def test_two_servers_on_postgres_and_redis_finish_every_journey(
    postgres_url: str, redis_url: str, render_worker: Any, servers: Any, tmp_path: Path
) -> None:
    """100 people at once, 8 at a time, each request on the other server: every journey
    reaches its report, every tenth downloads the PDF through the render queue, and the
    start limit counts the starts on both servers together."""
    bases = servers(
        redis_url,
        database=postgres_url,
        START_RATE_LIMIT="100 per hour",
        ANSWER_RATE_LIMIT="100000 per hour",
        PDF_RATE_LIMIT="100 per hour",
        RENDER_QUEUE_URL=redis_url,
        PDF_WAIT_SECONDS=60,  # this test is about finishing, not about a busy machine
    )
    situations = list(SITUATIONS.items())

    def journey(number: int) -> str:
        person = Alternating(bases)
        name, answers = situations[number % len(situations)]
        walk(person.get, person.post, answers)
        report = person.get("/report").text
        assert "Your results" in report, name
        if number % 10 == 0:
            token = re.search(r'name="csrf_token" value="([^"]+)"', report)
            assert token is not None
            pdf = person.post("/report.pdf", {"csrf_token": token.group(1), "name": ""})
            logs = "".join(log.read_text() for log in tmp_path.glob("server-*.log"))
            assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), logs[-3000:]
        return name

    with ThreadPoolExecutor(max_workers=8) as pool:
        finished = list(pool.map(journey, range(100)))
    assert len(finished) == 100
    # The start limit is 100 an hour for this address, counted across both servers: one
    # server alone would have seen only half of the starts and let this one through.
    assert _start_on(bases[0]) == 429 and _start_on(bases[1]) == 429
