"""The questionnaire pages: start, one page per question, and check your answers."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from .. import flow
from ..clock import today
from ..content import Questionnaire
from ..flow import Location
from ..forms import build_form
from ..i18n import text
from ..interviews import answers_of, current_interview, save_answer
from ..models import Interview
from ..security import configured_limit, limiter
from .answers_shown import answer_sections
from .links import in_a_case, link
from .progress import step_indicator

blueprint = Blueprint("pages", __name__)


def questionnaire() -> Questionnaire:
    """The loaded, validated questionnaire."""
    loaded: Questionnaire = current_app.extensions["shortfall.questionnaire"]
    return loaded


def page_url(location: Location, return_to_check: bool = False) -> str:
    """The URL of a question page."""
    args: dict[str, Any] = {"question_id": location.question_id}
    if location.item is not None:
        args["item"] = location.item
    if return_to_check:
        args["return_to"] = "check"
    return link("pages.question", **args)


def resume_target(answers: dict[str, str], return_to_check: bool = False) -> str:
    """Where to send someone: the first unanswered page, else check-answers."""
    pages = flow.path(questionnaire(), answers)
    current = flow.first_unanswered(pages, answers)
    if current is None:
        return link("pages.check_answers")
    return page_url(current, return_to_check)


@blueprint.get("/")
def start() -> str:
    """The start page."""
    return render_template("start.html", interview=current_interview())


@blueprint.get("/questions/<question_id>", endpoint="question")
@blueprint.get("/questions/<question_id>/<int:item>", endpoint="question")
def question_page(question_id: str, item: int | None = None) -> str | Response:
    """Show one question."""
    interview = current_interview()
    if interview is None:
        return redirect(link("pages.start"))
    return show_question(interview, question_id, item, False)


# The same address as the question; its own view so that only answers meet the rate limit.
@blueprint.post("/questions/<question_id>", endpoint="answer")
@blueprint.post("/questions/<question_id>/<int:item>", endpoint="answer")
@limiter.limit(configured_limit("ANSWER_RATE_LIMIT"))
def answer_page(question_id: str, item: int | None = None) -> str | Response:
    """Save one answer and move on (post/redirect/get), or show what to fix."""
    interview = current_interview()
    if interview is None:
        return redirect(link("pages.start", expired=1))
    return show_question(interview, question_id, item, True)


def show_question(
    interview: Interview, question_id: str, item: int | None, posted: bool, notice: str = ""
) -> str | Response:
    """Render (or process) a question page for this interview."""
    content = questionnaire()
    question = content.questions.get(question_id)
    in_group = question_id in content.group_of
    if question is None or in_group != (item is not None):
        abort(404)
    answers = answers_of(interview)
    pages = flow.path(content, answers)
    location = Location(question_id, item)
    return_to_check = request.args.get("return_to") == "check"
    if not flow.may_visit(pages, answers, location):
        return redirect(resume_target(answers, return_to_check))
    form = build_form(
        question,
        text,
        today(),
        answers.get(location.key),
        formdata=request.form if posted else None,
    )
    if posted and not notice and form.validate():
        save_answer(interview, location.key, form.answer.answer)
        answers = answers_of(interview)
        if return_to_check:
            return redirect(resume_target(answers, True), code=303)
        pages = flow.path(content, answers)
        index = pages.index(location) if location in pages else len(pages)
        following = pages[index + 1] if index + 1 < len(pages) else None
        target = page_url(following) if following else link("pages.check_answers")
        return redirect(target, code=303)
    previous = flow.previous_page(pages, location)
    if return_to_check:
        back = link("pages.check_answers")
    else:
        back = page_url(previous) if previous else link("pages.start")
    group = content.group_of.get(question_id)
    number, total = flow.page_number(pages, location, answers)
    return render_template(
        "question.html",
        question=question,
        form=form,
        location=location,
        caption=text(group.item_titles[item - 1]) if group and item else "",
        step_indicator=step_indicator(flow.steps(content, pages, location)),
        back_url=back,
        action=page_url(location, return_to_check),
        page_number=number,
        page_total=total,
        notice=notice,
    )


@blueprint.get("/check-answers")
def check_answers() -> str | Response:
    """Every answer on the path, by section, each with a change link."""
    interview = current_interview()
    if interview is None:
        return redirect(link("pages.start"))
    content = questionnaire()
    answers = answers_of(interview)
    pages = flow.path(content, answers)
    if flow.first_unanswered(pages, answers) is not None:
        return redirect(resume_target(answers))
    sections = answer_sections(
        content, answers, pages, lambda location: page_url(location, return_to_check=True)
    )
    return render_template(
        "check_answers.html",
        sections=sections,
        title=_("Check your client's answers") if in_a_case() else _("Check your answers"),
    )
