"""Migrations run up and down on SQLite and PostgreSQL, and the schema they build is the one
the models describe."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from questionnaire.database import downgrade, make_engine, upgrade
from questionnaire.models import Base

COUNSELOR_TABLES = {
    "agencies",
    "users",
    "recovery_codes",
    "cases",
    "client_contacts",
    "case_notes",
    "audit_events",
}


def _up_and_down(url: str) -> None:
    engine = make_engine(url)
    try:
        upgrade(engine)
        tables = set(inspect(engine).get_table_names())
        assert tables >= COUNSELOR_TABLES and {"interviews", "browser_sessions"} <= tables
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert differences == []  # the migrations build exactly what the models describe
        downgrade(engine, "0001")
        tables = set(inspect(engine).get_table_names())
        assert not COUNSELOR_TABLES & tables and "interviews" in tables
        downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade(engine)
        assert set(inspect(engine).get_table_names()) >= COUNSELOR_TABLES
    finally:
        engine.dispose()


def test_migrations_up_and_down_on_sqlite(tmp_path: Path) -> None:
    _up_and_down(f"sqlite:///{tmp_path / 'migrate.sqlite3'}")


@pytest.mark.postgres
def test_migrations_up_and_down_on_postgres(postgres_url: str) -> None:
    _up_and_down(postgres_url)
