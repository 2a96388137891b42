"""CSRF protection, rate limits, and security headers with a strict Content Security Policy."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from flask import Flask, current_app, request, session
from flask_wtf.csrf import CSRFError, CSRFProtect

from .rate_limits import RATE_LIMIT_HEADERS, RateLimits

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

csrf = CSRFProtect()
limiter = RateLimits()

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


# Every answer: no guessing of types, no framing, no address sent to other sites.
EVERY_ANSWER = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)
# Served over HTTPS only: tell browsers never to come back over plain HTTP.
HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
# Answers are personal: never let a shared computer's cache keep them.
NO_STORE = ("Cache-Control", "no-store")


# Lower-cased names of the headers we set, to replace a view's own.
OURS = frozenset(name.lower() for name, _value in (*EVERY_ANSWER, HSTS, NO_STORE))


class ResponseHeaders:
    """WSGI middleware: our security headers on every answer, and a limited view's
    X-RateLimit-* headers, added as the answer starts. Our headers replace a view's own,
    except a Content-Security-Policy the view set for itself.

    Our values are constants, so they skip Werkzeug's checks of each header; added here,
    they are on every answer, errors included."""

    def __init__(self, app: Flask, wsgi_app: WSGIApplication) -> None:
        self.app, self.wsgi_app = app, wsgi_app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        secure = bool(self.app.config["SESSION_COOKIE_SECURE"])
        static = environ.get("PATH_INFO", "").startswith("/static/")

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            names = {name.lower() for name, _value in headers}
            if not names.isdisjoint(OURS):
                headers = [(n, v) for n, v in headers if n.lower() not in OURS]
            headers.extend(EVERY_ANSWER)
            if "content-security-policy" not in names:  # a view may set its own
                headers.append(("Content-Security-Policy", CSP))
            if secure:
                headers.append(HSTS)
            if not static:
                headers.append(NO_STORE)
            headers.extend(environ.get(RATE_LIMIT_HEADERS, ()))
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, start)


def session_started() -> bool:
    """Whether this browser already has a session (a valid session cookie, or one just made).

    Pages seen before a person starts or resumes make no session: their forms carry no CSRF
    token, and the two posts that begin a session are checked by origin instead."""
    return getattr(session, "token", None) is not None


def form_meta() -> dict[str, bool]:
    """WTForms meta for a form that may be shown before any session exists."""
    return {"csrf": session_started()}


def _our_origin(value: str) -> bool:
    parts = urlsplit(value)
    return f"{parts.scheme}://{parts.netloc}" == request.host_url.rstrip("/")


def check_session_start() -> None:
    """CSRF for the posts that begin a session (start, resume), before any token exists.

    With a session, its CSRF token is checked as for every form. Without one, a browser
    always says where a form was posted from (Origin, else Referer): a post from another
    site is refused, so nobody can resume someone else into their answers. A client that
    sends neither is not a browser, and carries no one else's cookies."""
    if session_started():
        csrf.protect()
        return
    origin = request.headers.get("Origin") or request.headers.get("Referer")
    if origin is not None and not _our_origin(origin):
        raise CSRFError("The form was posted from another site.")


def configured_limit(name: str) -> Callable[[], str]:
    """A rate limit read from the configuration when a request comes (e.g. ANSWER_RATE_LIMIT)."""
    return lambda: str(current_app.config[name])


def init_app(app: Flask) -> None:
    """Switch on CSRF for every form, the rate limiter, the headers, and trusted proxies."""
    proxies = int(app.config.get("TRUSTED_PROXIES", 0))
    if proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Only the addresses our own proxies add are believed; a client cannot forge them.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=0, x_port=0, x_prefix=0
        )
    csrf.init_app(app)
    limiter.init_app(app)
    app.jinja_env.globals["session_started"] = session_started
    app.wsgi_app = ResponseHeaders(app, app.wsgi_app)  # type: ignore[method-assign]
