"""The translation layer: Flask-Babel for interface strings, per-language texts for content."""

from __future__ import annotations

from flask import Flask, current_app, session
from flask_babel import Babel, get_locale

from .law.findings import Reason
from .words import Words


def select_locale() -> str:
    """The person's chosen language if we have it, else the default."""
    chosen = session.get("language")
    languages = current_app.config["LANGUAGES"]
    return str(chosen) if chosen in languages else str(current_app.config["BABEL_DEFAULT_LOCALE"])


def text(value: dict[str, str] | None) -> str:
    """A content text in the current language (content validation guarantees it exists)."""
    if not value:
        return ""
    language = str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
    return value.get(language) or value.get(current_app.config["BABEL_DEFAULT_LOCALE"], "")


def words() -> Words:
    """The findings renderer for the current language."""
    language = str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
    return Words(current_app.extensions["shortfall.words"], language)


def say(reason: Reason) -> str:
    """A finding in words, in the current language."""
    return words().reason(reason)


def init_app(app: Flask) -> None:
    """Set up Flask-Babel and make `text()`, `say()` and `words()` available in templates."""
    Babel(app, locale_selector=select_locale)
    app.jinja_env.globals["text"] = text
    app.jinja_env.globals["say"] = say
    app.jinja_env.globals["words"] = words
    app.jinja_env.globals["current_language"] = lambda: str(get_locale())
    app.jinja_env.filters["availability_word"] = lambda value: AVAILABILITY.get(value, value)


AVAILABILITY = {"yes": "Yes", "no": "No", "maybe": "Maybe"}
