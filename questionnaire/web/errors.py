"""Friendly error pages; a lost CSRF token re-shows the question with what was typed."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from ..interviews import current_interview
from ..render_service import PdfBusy, PdfTooSlow

TITLES = {
    400: _l("Something went wrong with that page"),
    404: _l("Page not found"),
    405: _l("Page not found"),
    413: _l("That was too much information to send"),
    429: _l("Too many tries"),
    500: _l("Sorry, there is a problem with the service"),
    503: _l("Please try again in a minute"),
}


def _page(status: int) -> tuple[str, int]:
    title = str(TITLES.get(status, TITLES[500]))
    return render_template("error.html", status=status, title=title), status


def init_app(app: Flask) -> None:
    """Register the handlers."""

    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> str | Response | tuple[str, int]:
        interview = current_interview()
        answering = request.endpoint == "pages.answer"
        if answering and interview is not None and request.view_args:
            from .pages import show_question

            notice = _("Please check your answer and select Continue again.")
            args = request.view_args
            return show_question(interview, args["question_id"], args.get("item"), True, notice)
        if answering and request.view_args:
            return _session_ended(request.view_args["question_id"]), 400
        return _page(400)

    @app.errorhandler(PdfBusy)
    @app.errorhandler(PdfTooSlow)
    def pdf_busy(_error: Exception) -> tuple[Any, int, dict[str, str]]:
        # Nothing is lost: the answers are saved, and the PDF can be asked for again.
        retry = {"Retry-After": str(app.config["PDF_RETRY_AFTER_SECONDS"])}
        if request.path.startswith("/api/"):
            message = _("Many reports are being made right now. Try again in a minute.")
            return (*_api_error(503, message), retry)
        return (*_page(503), retry)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        if request.path.startswith("/api/"):
            response, status = _api_error(error.code or 500, error.description or error.name)
            for name, value in error.get_headers():
                if name.lower() != "content-type":
                    response.headers[name] = value  # e.g. Allow on 405, Retry-After on 429
            return response, status
        page, status = _page(error.code or 500)
        allow = error.get_response().headers.get("Allow")
        return (page, status, {"Allow": allow}) if allow else (page, status)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int] | tuple[Response, int]:
        app.logger.exception("unexpected error on %s", request.endpoint)
        if request.path.startswith("/api/"):
            return _api_error(500, "Sorry, something went wrong on our side.")
        return _page(500)


def _session_ended(question_id: str) -> str:
    """The session ran out while a question was open: say so, and give back what was typed
    (it is shown once, never stored or logged), with the way to carry on."""
    from .pages import questionnaire

    fields = sorted(k for k in request.form if k == "answer" or k.startswith("answer-"))
    typed = " ".join(request.form[k].strip() for k in fields if request.form[k].strip())[:200]
    question = questionnaire().questions.get(question_id)
    return render_template("session_ended.html", question=question, typed=typed)


def _api_error(status: int, message: str) -> tuple[Response, int]:
    return jsonify({"errors": [{"field": "", "message": message}]}), status
