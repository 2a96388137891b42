"""Settings, read from the environment with safe defaults for a single machine."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

from .pdf import default_workers

ROOT = Path(__file__).resolve().parent.parent


class ConfigurationError(RuntimeError):
    """A setting the app cannot run without, explained for the person starting it."""


def _secret_key(instance: Path, database_url: str) -> str:
    """SECRET_KEY from the environment, else a random key kept under instance/ across restarts.

    The key file only works for one machine. A shared database (PostgreSQL) means several app
    servers, which must all sign with the same key, so there the key must be given."""
    from_env = os.environ.get("SHORTFALL_SECRET_KEY")
    if from_env:
        return from_env
    if not database_url.startswith("sqlite"):
        raise ConfigurationError(
            "SHORTFALL_SECRET_KEY is not set. With a shared database every app server must use "
            "the same secret key: generate one (python -c 'import secrets; "
            "print(secrets.token_hex(32))') and set SHORTFALL_SECRET_KEY on every server."
        )
    instance.mkdir(parents=True, exist_ok=True)
    key_file = instance / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32), encoding="ascii")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="ascii").strip()


def configure(app: Flask, overrides: dict[str, Any] | None) -> None:
    """Apply defaults, then the environment, then test overrides."""
    instance = Path(app.instance_path)
    app.config.update(
        DATABASE_URL=os.environ.get("DATABASE_URL", f"sqlite:///{instance / 'shortfall.sqlite3'}"),
        AUTO_MIGRATE=os.environ.get("SHORTFALL_AUTO_MIGRATE", "1") != "0",
        QUESTIONS_DIR=ROOT / "content" / "questions",
        LAW_DIR=ROOT / "content" / "jurisdictions",
        FEDERAL_FILE=ROOT / "content" / "federal.yaml",
        FINDINGS_FILE=ROOT / "content" / "findings.yaml",
        API_RATE_LIMIT=os.environ.get("SHORTFALL_API_RATE_LIMIT", "120 per minute"),
        RETENTION_DAYS=int(os.environ.get("SHORTFALL_RETENTION_DAYS", "30")),
        # Plain HTML forms post url-encoded bodies, which Werkzeug does not cap by itself.
        MAX_CONTENT_LENGTH=64 * 1024,
        MAX_FORM_MEMORY_SIZE=64 * 1024,
        MAX_FORM_PARTS=200,
        # The CSRF token lives as long as the session: an expiring token loses people's answers.
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_SSL_STRICT=True,
        # Every message our forms show is ours (questionnaire/messages.py, in our catalogs);
        # WTForms' own catalog was parsed on every request for nothing (0.4 ms a page).
        WTF_I18N_ENABLED=False,
        SESSION_COOKIE_NAME="shortfall_session",
        LANGUAGE_COOKIE_NAME="shortfall_language",
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=os.environ.get("SHORTFALL_SECURE_COOKIES", "0") == "1",
        PERMANENT_SESSION_LIFETIME=dt.timedelta(days=30),
        BABEL_DEFAULT_LOCALE="en",
        BABEL_TRANSLATION_DIRECTORIES=str(ROOT / "translations"),
        RATELIMIT_STORAGE_URI=os.environ.get("SHORTFALL_RATELIMIT_STORAGE", "memory://"),
        RESUME_RATE_LIMIT="10 per minute;50 per hour",
        # Counselor sign-in posts (password and second factor), per client address; each
        # account also locks for 15 minutes after 5 wrong tries in a row.
        SIGN_IN_RATE_LIMIT=os.environ.get(
            "SHORTFALL_SIGN_IN_RATE_LIMIT", "10 per minute;60 per hour"
        ),
        # Per client address: generous for a person (one answer every few seconds), tight
        # enough that one client cannot fill the database or the PDF queue.
        ANSWER_RATE_LIMIT=os.environ.get("SHORTFALL_ANSWER_RATE_LIMIT", "60 per minute"),
        PDF_RATE_LIMIT=os.environ.get("SHORTFALL_PDF_RATE_LIMIT", "10 per minute"),
        START_RATE_LIMIT=os.environ.get("SHORTFALL_START_RATE_LIMIT", "20 per minute;200 per day"),
        # How many proxies in front of the app set X-Forwarded-For/-Proto (0: none, trust
        # nothing). Limits key on the client address the nearest trusted proxy saw.
        TRUSTED_PROXIES=int(os.environ.get("SHORTFALL_TRUSTED_PROXIES", "0")),
        # PDF renders: at most one per core on the machine, however many web workers share it
        # (the slots are file locks in PDF_SLOTS_DIR); at most PDF_QUEUE more wait, each for
        # at most PDF_WAIT_SECONDS; beyond that, 503 with Retry-After. Render processes run
        # at a lower priority (PDF_NICENESS) so pages come first on busy cores.
        PDF_WORKERS=int(os.environ.get("SHORTFALL_PDF_WORKERS", "0")) or default_workers(),
        PDF_QUEUE=int(os.environ.get("SHORTFALL_PDF_QUEUE", "-1")),
        PDF_WAIT_SECONDS=float(os.environ.get("SHORTFALL_PDF_WAIT", "10")),
        PDF_TIME_LIMIT_SECONDS=float(os.environ.get("SHORTFALL_PDF_TIME_LIMIT", "30")),
        PDF_SLOTS_DIR=Path(os.environ.get("SHORTFALL_PDF_SLOTS_DIR", instance / "render-slots")),
        PDF_NICENESS=int(os.environ.get("SHORTFALL_PDF_NICENESS", "10")),
        PDF_RETRY_AFTER_SECONDS=30,
        # Several machines: renders go to the render queue on this Redis instead, taken by
        # render workers started with scripts/render-worker (empty: render on this machine).
        RENDER_QUEUE_URL=os.environ.get("SHORTFALL_RENDER_QUEUE", ""),
        # Where "Leave this site quickly" goes: a plain, neutral public page.
        EXIT_URL=os.environ.get("SHORTFALL_EXIT_URL", "https://www.weather.gov/"),
    )
    if overrides:
        app.config.update(overrides)
    if app.config["PDF_QUEUE"] < 0:
        app.config["PDF_QUEUE"] = 2 * app.config["PDF_WORKERS"]
    if "SECRET_KEY" not in (overrides or {}):
        app.config["SECRET_KEY"] = _secret_key(instance, app.config["DATABASE_URL"])
    if app.config["SESSION_COOKIE_SECURE"]:
        # Behind HTTPS: a __Host- cookie is bound to this host, path / and HTTPS only.
        for key in ("SESSION_COOKIE_NAME", "LANGUAGE_COOKIE_NAME"):
            if not app.config[key].startswith("__Host-"):
                app.config[key] = "__Host-" + app.config[key]
