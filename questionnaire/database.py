"""The database connection for the app: engine, per-request session, and migrations."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from flask import Flask, g
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    _owner_only(connection)
    cursor = connection.cursor()
    # WAL lets readers and a writer work at once; secure_delete really erases deleted answers.
    cursor.execute("PRAGMA journal_mode=WAL")
    # A writer waits this long for another to finish before giving up (a 500); 5 s was seen
    # to run out under a heavy load test.
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _owner_only(connection: Any) -> None:
    """The database file and its log hold people's answers: readable by this account only.

    SQLite gives the -wal and -shm files the database file's permissions."""
    cursor = connection.cursor()
    rows = cursor.execute("PRAGMA database_list").fetchall()
    cursor.close()
    for _seq, _name, filename in rows:
        if filename and os.path.exists(filename):
            os.chmod(filename, 0o600)
            for suffix in ("-wal", "-shm", "-journal"):
                if os.path.exists(filename + suffix):
                    os.chmod(filename + suffix, 0o600)


def make_engine(url: str) -> Engine:
    """Create the engine; SQLite gets the pragmas that keep it safe with several threads."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


MIGRATION_LOCK = 80_51_2026
"""PostgreSQL advisory-lock key held while migrating: one server migrates, the others wait."""


@contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    """An exclusive lock on a file beside the SQLite database, across processes."""
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a", encoding="ascii") as handle:
        os.chmod(handle.name, 0o600)
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to date with the migrations (alembic upgrade head), under a lock.

    Every server (and every gunicorn worker without --preload) migrates at start-up; the lock
    makes the first one migrate and the others find the schema already current."""
    _migrate(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to an earlier revision (alembic downgrade), under the same lock."""
    _migrate(engine, command.downgrade, revision)


def _migrate(engine: Engine, step: Any, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    lock = _sqlite_file_lock(engine) if engine.dialect.name == "sqlite" else nullcontext()
    with lock, engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        step(config, revision)


def init_app(app: Flask) -> None:
    """Attach the engine to the app and close each request's session at teardown."""
    url = app.config["DATABASE_URL"]
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        Path(app.instance_path).mkdir(mode=0o700, parents=True, exist_ok=True)
    engine = make_engine(url)
    if app.config.get("AUTO_MIGRATE", True):
        upgrade(engine)
        # The server may fork workers after this (gunicorn --preload): never share connections.
        engine.dispose()
    app.extensions["shortfall.engine"] = engine
    app.extensions["shortfall.sessionmaker"] = sessionmaker(engine, expire_on_commit=False)

    @app.teardown_appcontext
    def _close(_error: BaseException | None) -> None:
        session = g.pop("db", None)
        if session is not None:
            session.close()


def db() -> Session:
    """The database session of the current request."""
    from flask import current_app

    if "db" not in g:
        g.db = current_app.extensions["shortfall.sessionmaker"]()
    session: Session = g.db
    return session
