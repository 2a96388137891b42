"""The translation layer: Flask-Babel for interface strings, per-language texts for content.

The language of a page is, in order: the one just chosen with the switch (`?lang=es`), the
one this browser chose before (a preference cookie, also stored with the interview), the
browser's `Accept-Language`, and the default. Languages come from the content.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlencode

from babel import Locale
from babel.support import NullTranslations
from flask import Flask, current_app, g, redirect, request
from flask_babel import Babel, get_translations, refresh
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup
from werkzeug.wrappers import Response

from .law.findings import Reason
from .terms import mark_page, mark_terms
from .words import Words

LANGUAGE_COOKIE = "shortfall_language"
"""The preference cookie's name (with the __Host- prefix when cookies are secure)."""


def language_cookie() -> str:
    """This app's name for the language cookie."""
    return str(current_app.config.get("LANGUAGE_COOKIE_NAME", LANGUAGE_COOKIE))


SWITCH_PARAMETER = "lang"


def languages() -> tuple[str, ...]:
    """The languages every content text has, the default first."""
    return tuple(current_app.config["LANGUAGES"])


def select_locale() -> str:
    """The language for this request (see the module's docstring)."""
    offered = languages()
    # API clients say what they want in the request; a browser's cookie is for pages.
    remembered = (
        None if request.path.startswith("/api/") else request.cookies.get(language_cookie())
    )
    for chosen in (g.get("language"), remembered):
        if chosen in offered:
            return str(chosen)
    if not request.environ.get("HTTP_ACCEPT_LANGUAGE"):
        return offered[0]  # nothing asked: no header to read
    return request.accept_languages.best_match(offered) or offered[0]


def _here() -> tuple[str, NullTranslations]:
    """This request's language and interface catalog, looked up once per request (Flask-Babel
    finds the catalog again for every string); use_language() changes them."""
    found: tuple[str, NullTranslations] | None = g.get("shortfall_language")
    if found is None:
        language = select_locale()
        found = g.shortfall_language = (language, _catalog(language))
    return found


def _catalog(language: str) -> NullTranslations:
    """A language's interface catalog, as Flask-Babel loads it, kept by the app (Flask-Babel
    would parse the locale and look the catalog up again on every request)."""
    catalogs: dict[str, NullTranslations] = current_app.extensions.setdefault(
        "shortfall.catalogs", {}
    )
    found = catalogs.get(language)
    if found is None:
        # select_locale() is Flask-Babel's selector, so this is the same language's catalog.
        found = catalogs[language] = get_translations()
    return found


def use_language(code: str) -> None:
    """Answer the rest of this request in `code` (a language the request itself asked for)."""
    g.language = code
    g.pop("shortfall_language", None)
    refresh()


def current_language() -> str:
    """The language this request is answered in."""
    return _here()[0]


@pass_eval_context
def template_gettext(eval_context: EvalContext, string: str, **variables: Any) -> str:
    """The templates' `_`: as Jinja's own newstyle gettext (the text is safe mark-up, the
    variables are escaped into it), in one call instead of four."""
    translated: str = _here()[1].ugettext(string)
    if eval_context.autoescape:
        translated = Markup(translated)
    # Always a format string, as in Jinja, so "%%" reads as "%" with or without variables.
    return translated % variables if variables or "%" in translated else translated


@cache
def language_name(code: str) -> str:
    """A language's name in that language, as people look for it: 'Español'."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def switch_url(code: str) -> str:
    """This page in another language (the switch keeps the page; answers are on the server)."""
    query = [(k, v) for k, v in request.args.items(multi=True) if k != SWITCH_PARAMETER]
    return f"{request.path}?{urlencode([*query, (SWITCH_PARAMETER, code)])}"


def other_languages() -> list[tuple[str, str]]:
    """(code, name) of the languages this page can be switched to."""
    here = current_language()
    return [(code, language_name(code)) for code in languages() if code != here]


def remember_language(response: Response, code: str) -> None:
    """Keep the chosen language for this browser (a preference, not personal data)."""
    response.set_cookie(
        language_cookie(),
        code,
        max_age=int(current_app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()),
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )


def _switch_language() -> Response | None:
    """`GET …?lang=es`: remember the choice, store it with the interview, show the page again."""
    if request.method != "GET" or SWITCH_PARAMETER not in request.args:
        return None
    code = request.args.get(SWITCH_PARAMETER, "")
    query = [(k, v) for k, v in request.args.items(multi=True) if k != SWITCH_PARAMETER]
    response = redirect(request.path + (f"?{urlencode(query)}" if query else ""), code=303)
    if code in languages():
        from .interviews import set_language

        set_language(code)
        remember_language(response, code)
    return response


def _mark_terms(response: Response) -> Response:
    """Show each quoted English term once per page, marked as English."""
    if response.mimetype == "text/html" and not response.direct_passthrough:
        html = response.get_data(as_text=True)
        marked = mark_page(html)
        if marked is not html:
            response.set_data(marked)
    return response


def text(value: dict[str, str] | None) -> str:
    """A content text in the current language (content validation guarantees it exists)."""
    if not value:
        return ""
    return value.get(current_language()) or value.get(
        current_app.config["BABEL_DEFAULT_LOCALE"], ""
    )


def words() -> Words:
    """The findings renderer for the current language."""
    return Words(current_app.extensions["shortfall.words"], current_language())


def say(reason: Reason) -> str:
    """A finding in words, in the current language."""
    return words().reason(reason)


def init_app(app: Flask) -> None:
    """Set up Flask-Babel, the language switch, and the template helpers."""
    app.config["LANGUAGES"] = app.extensions["shortfall.questionnaire"].languages
    app.config["BABEL_DEFAULT_LOCALE"] = app.config["LANGUAGES"][0]
    Babel(app, locale_selector=select_locale)
    app.before_request(_switch_language)
    app.after_request(_mark_terms)
    app.jinja_env.globals.update(
        _=template_gettext,
        text=text,
        say=say,
        words=words,
        current_language=current_language,
        other_languages=other_languages,
        switch_url=switch_url,
        glossary_term=mark_terms,
    )
    app.jinja_env.filters["availability_word"] = availability_word


def availability_word(value: str) -> str:
    """Whether an option is open to the person, in words."""
    from flask_babel import gettext

    return {"yes": gettext("Yes"), "no": gettext("No"), "maybe": gettext("Maybe")}.get(value, value)
