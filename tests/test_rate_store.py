"""The rate limits' in-process store: counts as limits counts them, no thread per count."""

from __future__ import annotations

import threading
import time

import pytest

from questionnaire.rate_store import SweptMemoryStorage, storage_uri
from questionnaire.security import limiter

from .conftest import make_app


def test_the_app_counts_in_the_swept_store_unless_another_store_is_configured(
    database_url: str,
) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=True, API_RATE_LIMIT="2 per minute")
    client = app.test_client()
    statuses = [client.get("/api/v1/jurisdictions").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]  # limits still hold
    with app.app_context():
        assert isinstance(limiter.storage(), SweptMemoryStorage)
    assert storage_uri("memory://") == "shortfall-memory://"
    assert storage_uri("redis://cache:6379/0") == "redis://cache:6379/0"


def test_counting_starts_no_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[threading.Thread] = []
    original = threading.Thread.start
    monkeypatch.setattr(
        threading.Thread, "start", lambda self: (started.append(self), original(self))[1]
    )
    store = SweptMemoryStorage()
    started.clear()  # limits' own constructor starts (and we stop) one timer
    for number in range(500):
        store.incr(f"client-{number % 7}", expiry=60)
        if number % 100 == 99:
            time.sleep(0.02)  # longer than the 10 ms of limits' timer
    assert store.get("client-0") == 72  # 500 counts over 7 keys: 72 for the first
    assert started == []


def test_counts_expire_and_stale_keys_are_swept() -> None:
    store = SweptMemoryStorage()
    store.incr("gone", expiry=0.05)
    store.incr("gone", expiry=0.05)
    assert store.get("gone") == 2
    time.sleep(0.06)
    assert store.get("gone") == 0  # expired when read, as in limits' own store
    store.incr("stale", expiry=0.05)
    time.sleep(0.06)
    store.next_sweep = 0  # a sweep is due: the next count walks every key
    store.incr("fresh", expiry=60)
    assert "stale" not in store.storage and "stale" not in store.expirations
    assert store.get("fresh") == 1


def test_sweeping_while_other_threads_count_raises_nothing() -> None:
    store = SweptMemoryStorage()
    errors: list[BaseException] = []
    stop = time.time() + 0.5

    def count(number: int) -> None:
        try:
            while time.time() < stop:
                store.incr(f"k{number}-{int(time.time() * 1000) % 50}", expiry=0.001)
                store.acquire_entry(f"m{number}", limit=1000, expiry=1)
        except BaseException as error:
            errors.append(error)

    def sweep() -> None:
        try:
            while time.time() < stop:
                store.sweep(time.time())
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=count, args=(n,)) for n in range(3)]
    threads.append(threading.Thread(target=sweep))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    time.sleep(1.01)
    store.sweep(time.time())  # every count and event has expired by now
    assert not store.storage and not store.expirations and not store.events
