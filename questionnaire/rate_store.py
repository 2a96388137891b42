"""The rate limits' store inside one process: limits' memory store, with stale keys swept by
the request that finds a sweep due, instead of by a new thread every 10 ms."""

from __future__ import annotations

import bisect
import time
from typing import Any

from limits.storage import MemoryStorage

SCHEME = "shortfall-memory"


class SweptMemoryStorage(MemoryStorage):
    """limits' MemoryStorage starts a timer thread whenever a count changes and no timer is
    running, so a busy server starts about a hundred threads a second, each walking every
    key. Counts here expire as before (each key is checked when read); the walk that frees
    the memory of keys nobody reads any more runs at most once every SWEEP_EVERY seconds."""

    STORAGE_SCHEME = [SCHEME]  # noqa: RUF012 - read once, by limits, to register the scheme
    SWEEP_EVERY = 5.0

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.timer.cancel()  # the one timer the parent starts: not needed
        self.next_sweep = time.time() + self.SWEEP_EVERY

    def _MemoryStorage__schedule_expiry(self) -> None:  # replaces the parent's private timer
        now = time.time()
        if now >= self.next_sweep:
            self.next_sweep = now + self.SWEEP_EVERY
            self.sweep(now)

    def sweep(self, now: float) -> None:
        """Forget counts and moving-window events that have expired.

        It runs in a request, beside others that count: a count is dropped only if its
        expiry, read again just before, has passed (another request may have started it
        again meanwhile)."""
        for key, expiry in list(self.expirations.items()):
            if expiry <= now and self.expirations.get(key, now + 1) <= now:
                self.storage.pop(key, None)
                self.expirations.pop(key, None)
                self.locks.pop(key, None)
        for key in list(self.events):
            with self.locks[key]:
                events = self.events.get(key)
                if events:  # newest first: keep those that have not expired
                    kept = bisect.bisect_left(events, -now, key=lambda event: -event.expiry)
                    self.events[key] = events[:kept]
                if not self.events.get(key):
                    self.events.pop(key, None)
                    self.locks.pop(key, None)


def storage_uri(configured: str) -> str:
    """The store to use for a configured URI: ours in place of limits' `memory://`."""
    scheme, separator, rest = configured.partition("://")
    return f"{SCHEME}{separator}{rest}" if scheme == "memory" and separator else configured
