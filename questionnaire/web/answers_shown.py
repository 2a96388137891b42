"""How a stored answer is shown back to the person, on check-answers and later in the report."""

from __future__ import annotations

from flask_babel import format_date
from flask_babel import gettext as _

from .. import parsers
from ..i18n import text
from ..schema import Question
from ..states import STATE_NAMES


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
        return STATE_NAMES.get(value, value)
    if kind == "money":
        try:
            return parsers.format_money(parsers.parse_money(value))
        except parsers.ParseError:
            return value
    if kind == "date":
        try:
            return format_date(parsers.parse_iso_date(value), format="long")
        except parsers.ParseError:
            return value
    return value
