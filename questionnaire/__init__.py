"""Shortfall: find out whether you could still owe money after losing your home."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from .config import configure
from .templating import ShortfallFlask


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: configuration, database, content, translations, security, and pages."""
    app = ShortfallFlask(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    configure(app, test_config)

    from . import database, i18n, security, server_session
    from .fast_json import FastJSONProvider

    app.json = FastJSONProvider(app)
    from .content import load_questionnaire

    database.init_app(app)
    app.session_interface = server_session.ServerSessionInterface()
    app.extensions["shortfall.questionnaire"] = load_questionnaire(app.config["QUESTIONS_DIR"])
    from .translation import check_languages

    # Every text a person can read, in every file, in every language the questionnaire lists.
    languages = app.extensions["shortfall.questionnaire"].languages
    check_languages(Path(app.config["QUESTIONS_DIR"]).parent, languages)
    from .law.library import load_library

    app.extensions["shortfall.law"] = load_library(
        app.config["LAW_DIR"], app.config["FEDERAL_FILE"]
    )
    from dataclasses import replace

    from .clock import today
    from .decisive import Decider, request_memo

    # The law tells the questionnaire which deciding facts to ask.
    app.extensions["shortfall.questionnaire"] = replace(
        app.extensions["shortfall.questionnaire"],
        decider=Decider(app.extensions["shortfall.law"], today, request_memo),
    )
    from .words import load_words, prepare_formats

    app.extensions["shortfall.words"] = load_words(app.config["FINDINGS_FILE"])
    i18n.init_app(app)
    prepare_formats(app.config["LANGUAGES"])  # not in the first person's request
    security.init_app(app)

    from . import cli
    from .api import routes as api
    from .web import errors, health, interview, pages, report

    app.register_blueprint(pages.blueprint)
    app.register_blueprint(interview.blueprint)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(report.blueprint)
    app.register_blueprint(health.blueprint)
    from .counselor import agency, case_pages, cases, exports, signin
    from .web.links import in_a_case, link, static_url

    app.jinja_env.globals.update(link=link, in_a_case=in_a_case, static_url=static_url)
    signin.init_app(app)
    app.register_blueprint(cases.blueprint)
    app.register_blueprint(exports.blueprint)
    app.register_blueprint(agency.blueprint)
    case_pages.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    return app
