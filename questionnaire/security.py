"""CSRF protection, rate limits, and security headers with a strict Content Security Policy."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request, session
from flask_wtf.csrf import CSRFError, CSRFProtect

from .rate_limits import RateLimits

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


def _headers(response: Response) -> Response:
    headers = response.headers
    present = {name.lower() for name, _value in headers.items()}
    ours = list(EVERY_ANSWER)
    if "content-security-policy" not in present:  # a view may set its own
        ours.append(("Content-Security-Policy", CSP))
    if current_app.config["SESSION_COOKIE_SECURE"]:
        ours.append(HSTS)
    if not request.path.startswith("/static/"):
        ours.append(NO_STORE)
    for name, value in ours:
        if name.lower() in present:
            headers.set(name, value)  # ours replace what the view said
        else:
            headers.add(name, value)
    return response


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
    app.after_request(_headers)
