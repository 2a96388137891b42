"""API routes: assessments, jurisdictions, and the OpenAPI document, under /api/v1."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from flask_babel import gettext

from ..clock import today
from ..content_memo import once
from ..i18n import current_language, languages, use_language
from ..law.assess import assess
from ..law.case import CaseErrors, read_case
from ..law.library import LawLibrary
from ..security import csrf, limiter
from ..words import Words
from .openapi import openapi_document
from .serialize import assessment_json

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(blueprint)


def law() -> LawLibrary:
    """The loaded law library."""
    library: LawLibrary = current_app.extensions["shortfall.law"]
    return library


def _rate() -> str:
    return str(current_app.config["API_RATE_LIMIT"])


def problem(status: int, errors: list[dict[str, str]]) -> tuple[Response, int]:
    """An error response: a list of {field, message}."""
    return jsonify({"errors": errors}), status


def body() -> Any:
    """The JSON body, numbers read as Decimal (no float rounding); None when it is not JSON."""
    if not request.is_json:
        return None
    try:
        data = request.get_data(cache=True)
        # As json.loads reads bytes (UTF-8, -16 or -32), with one decoder made once.
        return _DECODER.decode(data.decode(json.detect_encoding(data), "surrogatepass"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None


_DECODER = json.JSONDecoder(parse_float=Decimal)


def words_for(data: Any) -> Words | None:
    """The words for the language asked in the body, else by Accept-Language, else English.

    None when the body asks for a language we do not offer."""
    asked = data.get("language") if isinstance(data, dict) else None
    if asked is not None:
        if asked not in languages():
            return None
        use_language(asked)  # messages from here on are in the asked language
    return Words(current_app.extensions["shortfall.words"], current_language(), plain=True)


def language_problem() -> tuple[Response, int]:
    """422 for a `language` we do not offer, naming the ones we do."""
    offered = ", ".join(languages())
    message = gettext("Use a language code we offer: %(codes)s.", codes=offered)
    return problem(422, [{"field": "language", "message": message}])


def questions_by_field() -> Mapping[str, Any]:
    """The question that asks each case fact (for 'find out X': its words and where to look)."""
    questionnaire = current_app.extensions["shortfall.questionnaire"]

    def build() -> dict[str, Any]:
        found: dict[str, Any] = {}
        for question in questionnaire.questions.values():
            if question.field is not None:
                found.setdefault(question.field, question)
        return found

    # Shared by every request: a read-only view of the kept mapping.
    return MappingProxyType(once((questionnaire,), "questions by field", build))


@blueprint.post("/assessments")
@limiter.limit(_rate)
def create_assessment() -> tuple[Response, int] | Response:
    """Assess a case from its facts; 422 with field messages for bad input."""
    data: Any = body()
    if data is None:
        return problem(
            422, [{"field": "", "message": gettext("Send the case facts as a JSON object.")}]
        )
    words = words_for(data)
    if words is None:
        return language_problem()
    try:
        case = read_case(data, today())
    except CaseErrors as errors:
        return problem(422, errors.worded(gettext))
    result = assess(case, law())
    return jsonify(assessment_json(result, words, questions_by_field()))


@blueprint.post("/report.pdf")
@limiter.limit(_rate)
def report_pdf() -> Any:
    """The PDF report for the case facts in the body (an optional `name_on_cover`)."""
    from ..web.report import pdf_response

    data: Any = body()
    if not isinstance(data, dict):
        return problem(
            422, [{"field": "", "message": gettext("Send the case facts as a JSON object.")}]
        )
    if words_for(data) is None:
        return language_problem()
    facts = dict(data)
    facts.pop("language", None)
    name = facts.pop("name_on_cover", "") or ""
    if not isinstance(name, str) or len(name) > 80:
        return problem(
            422,
            [{"field": "name_on_cover", "message": gettext("Use text of 80 characters or fewer.")}],
        )
    try:
        case = read_case(facts, today())
    except CaseErrors as errors:
        return problem(422, errors.worded(gettext))
    return pdf_response(case, " ".join(name.split()))


@blueprint.get("/jurisdictions")
@limiter.limit(_rate)
def list_jurisdictions() -> Response:
    """Every jurisdiction with its review date and confidence."""
    return jsonify(
        {
            "jurisdictions": [
                {
                    "code": item.code,
                    "name": item.name,
                    "last_reviewed": item.last_reviewed.isoformat(),
                    "confidence": item.confidence,
                }
                for item in law().jurisdictions.values()
            ]
        }
    )


@blueprint.get("/jurisdictions/<code>")
@limiter.limit(_rate)
def get_jurisdiction(code: str) -> tuple[Response, int] | Response:
    """All the law facts of one jurisdiction, with citations and sources."""
    item = law().get(code) if len(code) == 2 else None
    if item is None:
        return problem(
            404, [{"field": "code", "message": gettext("Use a two-letter state code or DC.")}]
        )
    return jsonify(item.model_dump(mode="json"))


@blueprint.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description of this API."""
    words = current_app.extensions["shortfall.words"]
    describe = {name: fact.ask.get("en", "") for name, fact in words.phrases.fact.items()}
    return jsonify(openapi_document(describe))
