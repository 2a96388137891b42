"""A case's questionnaire and report: the homeowner's pages and report, served by the same
code under /cases/<id>/, with the case's answers in place of the browser's."""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, g, redirect, request
from flask_login import current_user
from werkzeug.wrappers import Response

from ..database import db
from ..models import Interview, User
from ..server_session import utcnow
from ..web.links import IN_A_CASE, link
from .audit import record
from .casework import case_in_agency, touch_case
from .signin import login_manager

CASE_BLUEPRINTS = tuple(IN_A_CASE.values())


def init_app(app: Flask) -> None:
    """Register the pages and report blueprints again, under each case."""
    from ..web import pages, report

    app.register_blueprint(
        pages.blueprint, name="case_pages", url_prefix="/cases/<int:case_id>/answers"
    )
    app.register_blueprint(report.blueprint, name="case_report", url_prefix="/cases/<int:case_id>")
    app.url_value_preprocessor(_take_case_id)
    app.url_defaults(_add_case_id)
    app.before_request(_load_case)
    app.jinja_env.globals["case_cover"] = case_cover


def case_cover() -> dict[str, str] | None:
    """For the PDF's cover in a case: its client reference and its counselor."""
    case = g.get("case")
    if case is None:
        return None
    counselor = db().get(User, case.counselor_id) if case.counselor_id else None
    return {"reference": case.reference, "counselor": counselor.name if counselor else ""}


def _take_case_id(endpoint: str | None, values: dict[str, Any] | None) -> None:
    if endpoint and endpoint.split(".")[0] in CASE_BLUEPRINTS and values:
        g.case_id = values.pop("case_id", None)


def _add_case_id(endpoint: str, values: dict[str, Any]) -> None:
    if endpoint.partition(".")[0] in CASE_BLUEPRINTS:
        case = g.get("case")
        if case is not None:
            values.setdefault("case_id", case.id)


def _load_case() -> Response | None:
    """For a case's pages: the signed-in person, and a case of their own agency (else 404,
    the same answer as for a case that does not exist)."""
    if request.blueprint not in CASE_BLUEPRINTS:
        return None
    if not current_user.is_authenticated:
        unauthorized: Response = login_manager.unauthorized()
        return unauthorized
    case = case_in_agency(db(), current_user.agency_id, int(g.get("case_id") or 0))
    if case is None:
        abort(404)
    g.case = case
    g.case_interview = db().get(Interview, case.interview_id)
    person = current_user._get_current_object()
    # A saved answer moves the case's version on and is recorded, in the answer's own commit.
    g.with_each_answer = [
        lambda session: touch_case(session, case, person, utcnow()),
    ]
    if request.endpoint == "case_pages.start":
        return redirect(link("pages.start"))  # a case begins from its own page
    if request.method == "GET" and request.endpoint in ("case_report.report",):
        record(db(), case.agency_id, current_user.id, "viewed", "case", case.id, utcnow())
        db().commit()
    return None
