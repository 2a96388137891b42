"""Headers, cookies, CSRF, privacy: what the service promises about safety."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask, Response
from flask.testing import FlaskClient

from .conftest import Walker, csrf_token, form_token, make_app

ROOT = Path(__file__).resolve().parent.parent


def test_security_headers(client: FlaskClient) -> None:
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


OURS = (
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
    "Content-Security-Policy",
)


def test_every_answer_carries_the_headers_once(client: FlaskClient) -> None:
    answers = {
        "page": client.get("/"),
        "missing page": client.get("/no-such-page"),
        "API error": client.post("/api/v1/assessments", json={"state": "TX"}),
        "bad JSON": client.post("/api/v1/assessments", data="[", content_type="application/json"),
        "static file": client.get("/static/css/shortfall.css"),
    }
    for kind, response in answers.items():
        assert response.status_code in (200, 404, 422), kind
        for name in OURS:
            assert len(response.headers.getlist(name)) == 1, (kind, name)
        no_store = response.headers.getlist("Cache-Control") == ["no-store"]
        assert no_store is (kind != "static file"), kind  # static files may be cached


def test_ours_replace_a_views_own_headers_but_not_its_policy(database_url: str) -> None:
    app = make_app(database_url)
    own = {
        "X-Frame-Options": "SAMEORIGIN",
        "Cache-Control": "max-age=60",
        "Content-Security-Policy": "default-src 'none'",
    }

    @app.get("/own-headers")
    def own_headers() -> Response:
        return Response("ok", headers=own)

    response = app.test_client().get("/own-headers")
    assert response.headers.getlist("X-Frame-Options") == ["DENY"]
    assert response.headers.getlist("Cache-Control") == ["no-store"]
    assert response.headers.getlist("Content-Security-Policy") == ["default-src 'none'"]


def test_a_server_error_carries_the_headers(database_url: str) -> None:
    app = make_app(database_url, TESTING=False)

    @app.get("/broken")
    def broken() -> str:
        raise RuntimeError("a bug")

    response = app.test_client().get("/broken")
    assert response.status_code == 500
    for name in OURS:
        assert len(response.headers.getlist(name)) == 1, name
    assert response.headers["Cache-Control"] == "no-store"


def test_cookie_holds_only_an_opaque_token(walker: Walker, app: Flask) -> None:
    walker.start()
    walker.answer("CA")
    cookies = list(walker.client._cookies.values())
    assert [c.key for c in cookies] == ["shortfall_session"]
    (cookie,) = cookies
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", cookie.value)
    assert cookie.http_only and cookie.same_site == "Lax"
    from sqlalchemy import create_engine, text

    with create_engine(app.config["DATABASE_URL"]).connect() as connection:
        stored = connection.execute(text("select token_hash from browser_sessions")).scalars().all()
    assert cookie.value not in stored  # only a hash of the token is kept


def test_resume_swaps_the_session_token(database_url: str) -> None:
    app = make_app(database_url)
    with app.test_client() as browser:
        walker = Walker(browser)
        walker.start()
        page = browser.get("/save")
        code = re.search(
            r'id="resume-code">([0-9A-Z-]+)<',
            browser.post("/save", data={"csrf_token": csrf_token(page.text)}).text,
        )
        assert code
        before = browser.get_cookie("shortfall_session")
        page = browser.get("/resume")
        browser.post("/resume", data={"code": code.group(1), "csrf_token": form_token(page.text)})
        after = browser.get_cookie("shortfall_session")
        assert before and after and before.value != after.value


def test_every_form_needs_a_csrf_token(walker: Walker) -> None:
    walker.start()
    for path in ("/start", "/save", "/resume", "/delete"):
        response = walker.client.post(path, data={"code": "AAAA-AAAA-AAAA"})
        assert response.status_code == 400, path
    # The csrf token survives a long pause: it is tied to the session, not to a clock.
    assert walker.client.application.config["WTF_CSRF_TIME_LIMIT"] is None


def test_resume_attempts_are_rate_limited(database_url: str) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=True, RESUME_RATE_LIMIT="3 per minute")
    with app.test_client() as browser:
        token = form_token(browser.get("/resume").text)
        codes = [
            browser.post("/resume", data={"code": "AAAA-AAAA-AAAA", "csrf_token": token})
            for _ in range(4)
        ]
        assert [r.status_code for r in codes] == [200, 200, 200, 429]
        assert "Too many tries" in codes[-1].text


def test_no_third_party_requests_in_pages(walker: Walker) -> None:
    walker.start()
    for path in ("/", "/questions/state", "/resume", "/delete", "/save"):
        html = walker.client.get(path).text
        for url in re.findall(r'(?:src|action)="([^"]+)"', html):
            assert url.startswith(("/", "#")), (path, url)
        for tag, url in re.findall(r'<(\w+)[^>]*\shref="([^"]+)"', html):
            # Only a link a person follows may leave the site: "Leave this site quickly".
            if not url.startswith(("/", "#")):
                assert tag == "a" and url == "https://www.weather.gov/", (path, url)


def test_uswds_css_loads_nothing_from_elsewhere() -> None:
    css = ROOT / "static" / "uswds" / "css" / "uswds.min.css"
    text = css.read_text(encoding="utf-8")
    for url in re.findall(r"url\(([^)]+)\)", text):
        assert not re.match(r"""['"]?(https?:)?//""", url), url


def test_personal_answers_never_reach_logs(walker: Walker, caplog: object) -> None:
    import logging

    with_logs = caplog  # type: ignore[assignment]
    with_logs.set_level(logging.DEBUG)  # type: ignore[attr-defined]
    walker.start()
    walker.answer_all(
        [
            ("state", "CA"),
            ("occupancy", "rental"),
            ("units", "2"),
            ("acres", "0.5"),
            ("loan-count", "1"),
            ("loan-purpose/1", "purchase"),
            ("loan-owner/1", "private"),
            ("loan-principal/1", "123,456.78"),
        ]
    )
    logged = " ".join(r.getMessage() for r in with_logs.records)  # type: ignore[attr-defined]
    assert "123456.78" not in logged and "123,456.78" not in logged


def test_secret_key_survives_restart(tmp_path: Path, monkeypatch: object) -> None:
    from questionnaire.config import _secret_key

    monkeypatch.delenv("SHORTFALL_SECRET_KEY", raising=False)  # type: ignore[attr-defined]
    instance = tmp_path / "instance"
    first = _secret_key(instance, "sqlite:///x")
    assert len(first) == 64 and _secret_key(instance, "sqlite:///x") == first
    assert (instance / "secret_key").stat().st_mode & 0o777 == 0o600
