"""How a stored answer is shown back to the person, on check-answers and later in the report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import gettext as _

from .. import parsers
from ..content import Questionnaire
from ..flow import Location
from ..i18n import text, words
from ..schema import Question


def shown_answer(question: Question, value: str) -> str:
    """A stored answer in words: option labels, $1,234.56, a written date."""
    if value == "":
        return _("Not given")
    kind = question.type
    if kind == "single_choice":
        option = next((o for o in question.options if o.value == value), None)
        return text(option.label) if option else value
    if kind == "yes_no_unsure":
        return {"yes": _("Yes"), "no": _("No"), "not_sure": _("Not sure")}.get(value, value)
    if kind == "us_state":
        return words().state(value)
    if kind == "money":
        try:
            # Written the way the report writes money ($230,000, $1,250.50).
            return words().money(parsers.parse_money(value))
        except parsers.ParseError:
            return value
    if kind == "date":
        month = parsers.parse_stored_month(value)
        if month is not None:
            return words().month(month) + " " + _("(day not known)")
        try:
            return words().date(parsers.parse_iso_date(value))
        except parsers.ParseError:
            return value
    return value


def answer_sections(
    content: Questionnaire,
    answers: dict[str, str],
    pages: list[Location],
    change_url: Callable[[Location], str] | None = None,
) -> list[dict[str, Any]]:
    """Every answer on the path, by section and loan, shown in words (check answers, PDF)."""
    sections: list[dict[str, Any]] = []
    for location in pages:
        question = content.questions[location.question_id]
        section = content.section_of[location.question_id]
        if not sections or sections[-1]["section"] is not section:
            sections.append({"section": section, "groups": []})
        group = content.group_of.get(location.question_id)
        heading = text(group.item_titles[location.item - 1]) if group and location.item else ""
        groups = sections[-1]["groups"]
        if not groups or groups[-1]["heading"] != heading:
            groups.append({"heading": heading, "rows": []})
        groups[-1]["rows"].append(
            {
                "label": text(question.label or question.title),
                "value": shown_answer(question, answers[location.key]),
                "change_url": change_url(location) if change_url else "",
                "change_hint": text(question.label or question.title),
            }
        )
    return sections
