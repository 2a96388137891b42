"""Rate limits on views: each client address counted per view in a `limits` store."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, TypeVar

from flask import Flask, current_app, request
from flask_babel import gettext
from limits import RateLimitItem, parse_many
from limits.storage import Storage, storage_from_string
from werkzeug.exceptions import TooManyRequests

from . import rate_store

View = TypeVar("View", bound=Callable[..., Any])
EXTENSION = "shortfall.rate_limits"
RATE_LIMIT_HEADERS = "shortfall.rate_limit_headers"
"""The WSGI environ key where a limited view leaves its X-RateLimit-* headers (the answer's
headers are added by security.ResponseHeaders)."""


@lru_cache(maxsize=64)
def _items(rate: str) -> tuple[RateLimitItem, ...]:
    """'10 per minute; 100 per hour' read once (rates come from the configuration)."""
    return tuple(parse_many(rate))


class Counted:
    """One limit's count for this request: what the response headers tell the client."""

    def __init__(self, item: RateLimitItem, count: int, reset: float) -> None:
        self.item, self.count, self.reset = item, count, reset

    @property
    def remaining(self) -> int:
        return max(self.item.amount - self.count, 0)

    @property
    def refused(self) -> bool:
        return self.count > self.item.amount

    def headers(self) -> dict[str, str]:
        """X-RateLimit-* on every limited response; Retry-After once refused."""
        found = {
            "X-RateLimit-Limit": str(self.item.amount),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(math.ceil(self.reset)),
        }
        if self.refused:
            found["Retry-After"] = str(max(math.ceil(self.reset - time.time()), 1))
        return found


class RateLimits:
    """`@limiter.limit(rate)` on a view counts each request from an address to that view in
    a fixed window, and answers 429 with Retry-After past the rate.

    The store comes from RATELIMIT_STORAGE_URI (each process's memory by default, Redis to
    share counts between servers); RATELIMIT_ENABLED false switches counting off (tests).
    The address is the client's as Werkzeug's ProxyFix leaves it behind trusted proxies."""

    def init_app(self, app: Flask) -> None:
        """Open the store named in the configuration and add the headers to responses."""
        uri = rate_store.storage_uri(str(app.config.get("RATELIMIT_STORAGE_URI", "memory://")))
        storage = storage_from_string(uri)
        if not isinstance(storage, Storage):  # an asyncio store: not for this app
            raise ValueError(f"RATELIMIT_STORAGE_URI: use a store that is not async ({uri})")
        enabled = bool(app.config.get("RATELIMIT_ENABLED", True))
        app.extensions[EXTENSION] = _AppLimits(storage, enabled)

    def limit(
        self, rate: Callable[[], str], methods: list[str] | None = None
    ) -> Callable[[View], View]:
        """Limit a view to `rate()` requests per address (only `methods`, if given)."""

        def decorate(view: View) -> View:
            scope = f"{view.__module__}.{view.__name__}"

            @wraps(view)
            def limited(*args: Any, **kwargs: Any) -> Any:
                if methods is None or request.method in methods:
                    current_app.extensions[EXTENSION].count(scope, rate())
                return view(*args, **kwargs)

            return limited  # type: ignore[return-value]

        return decorate

    @staticmethod
    def storage() -> Storage:
        """This app's store of counts."""
        store: Storage = current_app.extensions[EXTENSION].storage
        return store


class _AppLimits:
    """One app's store and switch."""

    def __init__(self, storage: Storage, enabled: bool) -> None:
        self.storage, self.enabled = storage, enabled

    def count(self, scope: str, rate: str) -> None:
        """Count this request against each limit in `rate`; 429 past any of them."""
        if not self.enabled:
            return
        address = request.remote_addr or "unknown"
        tightest: Counted | None = None
        for item in _items(rate):
            key = item.key_for(address, scope)
            count = self.storage.incr(key, item.get_expiry())
            counted = Counted(item, count, self.storage.get_expiry(key))
            if tightest is None or counted.refused or counted.remaining < tightest.remaining:
                tightest = counted
            if counted.refused:
                break
        if tightest is None:
            return
        request.environ[RATE_LIMIT_HEADERS] = list(tightest.headers().items())
        if tightest.refused:
            raise TooManyRequests(gettext("Please wait a few minutes, then try again."))
