"""Friendly error pages; a lost CSRF token re-shows the question with what was typed."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from ..interviews import current_interview

TITLES = {
    400: _l("Something went wrong with that page"),
    404: _l("Page not found"),
    405: _l("Page not found"),
    413: _l("That was too much information to send"),
    429: _l("Too many tries"),
    500: _l("Sorry, there is a problem with the service"),
}


def _page(status: int) -> tuple[str, int]:
    title = str(TITLES.get(status, TITLES[500]))
    return render_template("error.html", status=status, title=title), status


def init_app(app: Flask) -> None:
    """Register the handlers."""

    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> str | Response | tuple[str, int]:
        interview = current_interview()
        if request.endpoint == "pages.question" and interview is not None and request.view_args:
            from .pages import show_question

            notice = _("Please check your answer and select Continue again.")
            args = request.view_args
            return show_question(interview, args["question_id"], args.get("item"), True, notice)
        return _page(400)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        return _page(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int]:
        app.logger.exception("unexpected error on %s", request.endpoint)
        return _page(500)
