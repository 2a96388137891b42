"""The report page: what the answers mean, with reasons, numbers, options and help."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from flask import Blueprint, current_app, redirect, render_template, url_for
from werkzeug.wrappers import Response

from .. import flow
from ..case_facts import case_facts
from ..clock import today
from ..interviews import answers_of, current_interview
from ..law.assess import assess
from ..law.case import CaseErrors, read_case
from ..report import build_report, money
from .pages import questionnaire, resume_target

blueprint = Blueprint("report", __name__)


def glossary() -> list[dict[str, Any]]:
    """The glossary terms, read once."""
    cached = current_app.extensions.get("shortfall.glossary")
    if cached is None:
        path = Path(current_app.config["QUESTIONS_DIR"]).parent / "glossary.yaml"
        cached = yaml.safe_load(path.read_text(encoding="utf-8"))["terms"]
        current_app.extensions["shortfall.glossary"] = cached
    return list(cached)


@blueprint.get("/report")
def report() -> str | Response:
    """The report for this browser's answers (only once every question is answered)."""
    interview = current_interview()
    if interview is None:
        return redirect(url_for("pages.start"))
    answers = answers_of(interview)
    content = questionnaire()
    if flow.first_unanswered(flow.path(content, answers), answers) is not None:
        return redirect(resume_target(answers))
    try:
        case = read_case(case_facts(content, answers), today())
    except CaseErrors as errors:
        return render_template("report_incomplete.html", errors=errors.errors)
    law = current_app.extensions["shortfall.law"]
    result = assess(case, law)
    return render_template(
        "report.html",
        report=build_report(case, result),
        result=result,
        case=case,
        money=money,
        glossary=glossary(),
    )
