"""The same storage on PostgreSQL: migrations run, a journey saves, resume works after restart."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, text

from .conftest import Walker, csrf_token, form_token, make_app

pytestmark = pytest.mark.postgres


def test_journey_and_resume_on_postgres(postgres_url: str) -> None:
    app = make_app(postgres_url)
    with app.test_client() as browser:
        walker = Walker(browser)
        walker.start()
        walker.answer_all(
            [("state", "NV"), ("occupancy", "second_home"), ("stage", "behind_on_payments")]
        )
        page = browser.get("/save")
        shown = browser.post("/save", data={"csrf_token": csrf_token(page.text)})
        code = re.search(r'id="resume-code">([0-9A-Z-]+)<', shown.text)
        assert code
    engine = create_engine(postgres_url)
    with engine.connect() as connection:
        tables = set(
            connection.execute(
                text("select tablename from pg_tables where schemaname = 'public'")
            ).scalars()
        )
        assert {"interviews", "browser_sessions", "alembic_version"} <= tables
        assert (
            connection.execute(text("select version_num from alembic_version")).scalar() == "0002"
        )
    engine.dispose()
    restarted = make_app(postgres_url)  # migrations run again: a no-op
    with restarted.test_client() as other:
        page = other.get("/resume")
        response = other.post(
            "/resume", data={"code": code.group(1), "csrf_token": form_token(page.text)}
        )
        assert response.headers["Location"] == "/questions/home-value"
        assert 'value="NV" selected' in other.get("/questions/state").text
        page = other.get("/delete")
        other.post("/delete", data={"csrf_token": csrf_token(page.text)})
    with create_engine(postgres_url).connect() as connection:
        assert connection.execute(text("select count(*) from interviews")).scalar() == 0


def test_two_tabs_saving_at_once_keep_both_answers_on_postgres(postgres_url: str) -> None:
    from .two_tabs import two_tabs_keep_both_answers

    assert two_tabs_keep_both_answers(make_app(postgres_url), 100) == 100


def test_servers_starting_together_migrate_once_on_postgres(postgres_url: str) -> None:
    from .migrate_race import migrate_at_once

    assert migrate_at_once(postgres_url) == ["ok"] * 4
