"""Several app servers sharing one Redis: rate limits count across all of them.

Each server runs in its own process (as on separate machines), on one SQLite file and the
same secret key; a person's requests alternate between them."""

from __future__ import annotations

import http.cookiejar
import multiprocessing
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def _serve(database: str, storage: str, ports: Any) -> None:
    from werkzeug.serving import make_server

    from .conftest import make_app

    app = make_app(
        database,
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI=storage,
        START_RATE_LIMIT="3 per minute",
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    ports.put(server.server_port)
    server.serve_forever()


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[Any]:
    started: list[Any] = []

    def start(storage: str, count: int = 2) -> list[str]:
        context = multiprocessing.get_context("fork")
        ports = context.Queue()
        database = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        for _ in range(count):
            process = context.Process(target=_serve, args=(database, storage, ports), daemon=True)
            process.start()
            started.append(process)
        return [f"http://127.0.0.1:{ports.get(timeout=30)}" for _ in range(count)]

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
