"""The report page: what the answers mean, with reasons, numbers, options and help."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
)
from flask_babel import gettext
from markupsafe import Markup
from werkzeug.wrappers import Response

from .. import flow
from ..calendar import calendar_file
from ..case_facts import case_facts
from ..clock import today
from ..glossary import Term, load_glossary, used_in
from ..i18n import current_language
from ..interviews import answers_of, current_interview
from ..law.assess import assess
from ..law.case import Case, CaseErrors, read_case
from ..render_service import LocalRenderer, Renderer
from ..render_slots import MachineSlots
from ..report import build_report
from ..security import configured_limit, limiter
from ..terms import mark_page, plain_terms
from .answers_shown import answer_sections
from .links import link
from .pages import questionnaire, resume_target

blueprint = Blueprint("report", __name__)


def glossary() -> list[Term]:
    """The glossary terms, read once."""
    cached = current_app.extensions.get("shortfall.glossary")
    if cached is None:
        cached = load_glossary(Path(current_app.config["QUESTIONS_DIR"]).parent / "glossary.yaml")
        current_app.extensions["shortfall.glossary"] = cached
    return list(cached)


def report_context(case: Case) -> dict[str, Any]:
    """What both the report page and the PDF show."""
    result = assess(case, current_app.extensions["shortfall.law"])
    from ..api.routes import questions_by_field
    from ..i18n import words

    return {
        "report": build_report(case, result, words(), questions_by_field()),
        "result": result,
        "case": case,
    }


def render_report(template: str, context: dict[str, Any], **extra: Any) -> str:
    """Render a report with the glossary of the words its body actually uses."""
    body = render_template("report/body.html", **context, **extra)
    used = used_in(re.sub(r"<[^>]+>", " ", html.unescape(body)), glossary(), current_language())
    page = render_template(template, body=Markup(body), glossary=used, **context, **extra)
    return mark_page(page)  # the PDF is not a response: show its English terms here too


def page_numbers() -> Markup:
    """The PDF's page counter as CSS content: 'Page " counter(page) " of " counter(pages) "'.

    The words come from the catalog (ours, never people's input); the counters from CSS."""
    words = gettext("Page %(number)s of %(total)s", number="\0", total="\1")
    words = words.replace("\\", "").replace('"', "")
    return Markup(words.replace("\0", '" counter(page) "').replace("\1", '" counter(pages) "'))


def _case() -> Case | Response | str:
    interview = current_interview()
    if interview is None:
        return redirect(link("pages.start"))
    answers = answers_of(interview)
    content = questionnaire()
    if flow.first_unanswered(flow.path(content, answers), answers) is not None:
        return redirect(resume_target(answers))
    try:
        return read_case(case_facts(content, answers), today())
    except CaseErrors as errors:
        return render_template("report_incomplete.html", errors=errors.errors)


@blueprint.get("/report")
def report() -> str | Response:
    """The report for this browser's answers (only once every question is answered)."""
    case = _case()
    if not isinstance(case, Case):
        return case
    return render_report("report.html", report_context(case))


@blueprint.post("/report.pdf")
@limiter.limit(configured_limit("PDF_RATE_LIMIT"))
def report_pdf() -> str | Response:
    """The same report as a PDF; the optional name is printed on the cover and not kept."""
    case = _case()
    if not isinstance(case, Case):
        return case
    name = " ".join((request.form.get("name") or "").split())[:80]
    interview = current_interview()
    answers = answers_of(interview) if interview is not None else {}
    content = questionnaire()
    record = answer_sections(content, answers, flow.path(content, answers))
    return pdf_response(case, name, record)


def pdf_response(case: Case, name: str, record: list[dict[str, Any]] | None = None) -> Response:
    """Render the PDF for a case; it is sent and never kept. PdfBusy or PdfTooSlow when it
    cannot be made now: the error handlers answer 503 with Retry-After (a page for people,
    JSON for the API).

    `record` is the answers the report was built from, printed at the end."""
    renderer = pdf_renderer()
    generated = today()
    with renderer.admission():  # a full queue is answered before any work is done
        html_text = render_report(
            "report_pdf.html",
            report_context(case),
            pdf=True,
            name=name,
            generated=generated,
            record=record or [],
            page_numbers=page_numbers,
        )
        data = renderer.render(html_text)
    response = make_response(data)
    response.headers["Content-Type"] = "application/pdf"
    # A file name people recognise in their own language: "informe-shortfall-CA-….pdf".
    filename = gettext("shortfall-report-%(state)s-%(day)s.pdf", state=case.state, day=generated)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@blueprint.get("/report.ics")
def report_calendar() -> str | Response:
    """The report's dated steps as a calendar file (no account, no outside service)."""
    case = _case()
    if not isinstance(case, Case):
        return case
    context = report_context(case)
    steps = [(day, plain_terms(text)) for day, text in context["report"].calendar]
    data = calendar_file(steps, case.state, today(), current_language())
    response = make_response(data)
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    filename = gettext("shortfall-dates-%(state)s-%(day)s.ics", state=case.state, day=today())
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pdf_renderer() -> Renderer:
    """The app's PDF renderer, made on first use: the shared render queue when one is set,
    else render processes on this machine under the machine's render slots."""
    renderer: Renderer | None = current_app.extensions.get("shortfall.pdf")
    if renderer is None:
        config = current_app.config
        if config["RENDER_QUEUE_URL"]:
            from ..render_queue import QueueRenderer

            renderer = QueueRenderer(
                config["RENDER_QUEUE_URL"],
                waiting=config["PDF_QUEUE"],
                wait=config["PDF_WAIT_SECONDS"],
                limit=config["PDF_TIME_LIMIT_SECONDS"],
            )
        else:
            slots = MachineSlots(
                Path(config["PDF_SLOTS_DIR"]), config["PDF_WORKERS"], config["PDF_QUEUE"]
            )
            renderer = LocalRenderer(
                Path(current_app.static_folder or "static"),
                slots,
                processes=config["PDF_WORKERS"],
                wait=config["PDF_WAIT_SECONDS"],
                limit=config["PDF_TIME_LIMIT_SECONDS"],
                niceness=config["PDF_NICENESS"],
            )
        current_app.extensions["shortfall.pdf"] = renderer
    return renderer
