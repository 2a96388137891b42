"""Rate limits on views: per address and per view, with the headers a client needs to wait."""

from __future__ import annotations

import time

from .conftest import form_token, make_app
from .test_api import CASE


def test_api_answers_429_in_json_with_when_to_come_back(database_url: str) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=True, API_RATE_LIMIT="2 per minute")
    client = app.test_client()
    first, second, third = (client.post("/api/v1/assessments", json=CASE) for _ in range(3))
    assert [first.status_code, second.status_code, third.status_code] == [200, 200, 429]
    assert first.headers["X-RateLimit-Limit"] == "2"
    assert [first.headers["X-RateLimit-Remaining"], second.headers["X-RateLimit-Remaining"]] == [
        "1",
        "0",
    ]
    assert "Retry-After" not in first.headers
    assert 1 <= int(third.headers["Retry-After"]) <= 60
    assert 0 < int(third.headers["X-RateLimit-Reset"]) - time.time() <= 61
    assert third.get_json() == {
        "errors": [{"field": "", "message": "Please wait a few minutes, then try again."}]
    }
    spanish = client.post("/api/v1/assessments", json=CASE, headers={"Accept-Language": "es"})
    assert spanish.status_code == 429
    assert spanish.get_json()["errors"][0]["message"] == "Espere unos minutos e intente de nuevo."


def test_each_view_and_each_address_counts_alone(database_url: str) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=True, API_RATE_LIMIT="1 per minute")
    client = app.test_client()
    assert client.post("/api/v1/assessments", json=CASE).status_code == 200
    assert client.post("/api/v1/assessments", json=CASE).status_code == 429
    assert client.get("/api/v1/jurisdictions").status_code == 200  # another view
    other = {"REMOTE_ADDR": "198.51.100.7"}
    response = client.post("/api/v1/assessments", json=CASE, environ_base=other)
    assert response.status_code == 200  # another address


def test_only_the_methods_named_are_counted(database_url: str) -> None:
    """Resume attempts are limited; reading the resume page is not."""
    app = make_app(database_url, RATELIMIT_ENABLED=True, RESUME_RATE_LIMIT="1 per minute")
    client = app.test_client()
    pages = [client.get("/resume") for _ in range(3)]
    assert [page.status_code for page in pages] == [200] * 3
    assert "X-RateLimit-Limit" not in pages[0].headers
    tries = [
        client.post("/resume", data={"code": "WRONG-CODE", "csrf_token": form_token(pages[0].text)})
        for _ in range(2)
    ]
    assert [t.status_code for t in tries][1] == 429
    assert "Too many tries" in tries[1].text and int(tries[1].headers["Retry-After"]) >= 1


def test_several_limits_in_one_rate_each_hold(database_url: str) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=True, API_RATE_LIMIT="5 per minute; 2 per hour")
    client = app.test_client()
    codes = [client.get("/api/v1/jurisdictions").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_switched_off_nothing_is_counted(database_url: str) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=False, API_RATE_LIMIT="1 per minute")
    client = app.test_client()
    responses = [client.get("/api/v1/jurisdictions") for _ in range(3)]
    assert [r.status_code for r in responses] == [200] * 3
    assert "X-RateLimit-Limit" not in responses[0].headers
