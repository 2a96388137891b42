"""Builds the WTForms form for a question from its type, through a type-to-field table."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, RadioField, SelectField, StringField
from wtforms.validators import StopValidation, ValidationError

from . import parsers
from .messages import message_for
from .schema import Question
from .states import STATE_NAMES

Choices = list[tuple[str, str]]
Text = Callable[[dict[str, str] | None], str]


class AnswerForm(FlaskForm):
    """Base for every question form; `answer` is added per question."""

    class Meta:
        locales = False


class ChoiceField(RadioField):
    """Radio buttons whose errors use our own wording."""

    def pre_validate(self, form: Any) -> None:
        if not self.data:
            raise StopValidation(message_for(parsers.ParseError("choice_empty")))
        if self.data not in {value for value, _label in self.choices}:
            raise StopValidation(message_for(parsers.ParseError("choice_invalid")))


class StateField(SelectField):
    """A list of the states and DC."""

    def pre_validate(self, form: Any) -> None:
        if self.data not in STATE_NAMES:
            raise StopValidation(message_for(parsers.ParseError("state_empty")))


class DateParts(Field):
    """A date typed in three boxes (month, day, year), kept as typed when it has an error."""

    def process(self, formdata: Any, data: Any = None, extra_filters: Any = None) -> None:
        self.process_errors: list[str] = []
        self.parts = {"month": "", "day": "", "year": ""}
        if formdata is not None:
            for part in self.parts:
                self.parts[part] = str(formdata.get(f"{self.name}-{part}", ""))[:40]
            self.raw_data = list(self.parts.values())
            self.data = None
        elif isinstance(data, str) and data:
            month = parsers.parse_stored_month(data)
            if month is not None:  # only the month was known: the day box stays empty
                self.parts = {"month": str(month.month), "day": "", "year": str(month.year)}
                self.data = data
                return
            try:
                stored = parsers.parse_iso_date(data)
                self.parts = {
                    "month": str(stored.month),
                    "day": str(stored.day),
                    "year": str(stored.year),
                }
            except parsers.ParseError:
                pass
            self.data = data

    def _value(self) -> str:
        return ""


def _text_value(field: Field) -> str:
    return str(field.data or "").strip()


def parse_answer(question: Question, field: Field, today: dt.date) -> str:
    """Check the posted answer and return its stored form ("" for a skipped optional question)."""
    kind = question.type
    if kind == "date":
        parts = field.parts
        if not any(value.strip() for value in parts.values()) and not question.required:
            return ""
        if question.day_optional and not parts["day"].strip():
            month = parsers.parse_month_parts(parts["month"], parts["year"])
            if question.not_after_today:
                parsers.check_not_future(month, today)
            return month.isoformat()[:7]  # "2026-03": the month, day not known
        date = parsers.parse_date_parts(parts["month"], parts["day"], parts["year"])
        if question.not_after_today:
            parsers.check_not_future(date, today)
        return date.isoformat()
    text = _text_value(field)
    if not text:
        if question.required:
            code = {"money": "money_empty", "us_state": "state_empty"}.get(kind, "number_empty")
            if kind in ("single_choice", "yes_no_unsure"):
                code = "choice_empty"
            raise parsers.ParseError(code)
        return ""
    if kind == "money":
        return parsers.money_to_store(parsers.parse_money(text))
    if kind == "whole_number":
        number = parsers.parse_whole_number(
            text, minimum=question.minimum or 0, maximum=question.maximum or 10_000
        )
        return str(number)
    if kind == "decimal_number":
        maximum = Decimal(question.maximum) if question.maximum is not None else Decimal(100_000)
        return str(parsers.parse_decimal_number(text, maximum=maximum))
    return text  # choices: already checked against the options by the field


def _check(question: Question, today: dt.date) -> Callable[[Any, Field], None]:
    def validator(_form: Any, field: Field) -> None:
        try:
            field.answer = parse_answer(question, field, today)
        except parsers.ParseError as error:
            raise ValidationError(message_for(error)) from None

    return validator


def _choices(question: Question, text: Text) -> Choices:
    if question.type == "yes_no_unsure":
        from flask_babel import gettext as _

        return [("yes", _("Yes")), ("no", _("No")), ("not_sure", _("Not sure"))]
    return [(option.value, text(option.label)) for option in question.options]


def _state_choices() -> list[tuple[str, str]]:
    """The states by their names in the person's language, in that language's order."""
    from .i18n import words

    named = [(code, words().state(code)) for code in STATE_NAMES]
    return sorted(named, key=lambda choice: strxfrm_key(choice[1]))


def strxfrm_key(name: str) -> str:
    """Sort key ignoring accents, so 'Hawái' sorts with 'Hawaii'."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


FIELD_BUILDERS: dict[str, Callable[[Question, Text, list[Any]], Field]] = {
    "single_choice": lambda q, t, v: ChoiceField(choices=_choices(q, t), validators=v),
    "yes_no_unsure": lambda q, t, v: ChoiceField(choices=_choices(q, t), validators=v),
    "us_state": lambda q, t, v: StateField(choices=[("", ""), *_state_choices()], validators=v),
    "money": lambda q, t, v: StringField(validators=v),
    "whole_number": lambda q, t, v: StringField(validators=v),
    "decimal_number": lambda q, t, v: StringField(validators=v),
    "date": lambda q, t, v: DateParts(validators=v),
}


def build_form(
    question: Question, text: Text, today: dt.date, stored: str | None, formdata: Any = None
) -> AnswerForm:
    """A form for one question, filled from the post (if any) or the stored answer."""
    QuestionForm = _form_class(question, text, today)
    if formdata is not None:
        return QuestionForm(formdata=formdata)
    return QuestionForm(formdata=None, data={"answer": _shown(question, stored)})


# Form classes by question, language and day: their choices and checks, the same for everyone.
_FORMS: dict[tuple[int, str, dt.date], tuple[Question, type[AnswerForm]]] = {}


def _form_class(question: Question, text: Text, today: dt.date) -> type[AnswerForm]:
    from .i18n import current_language

    key = (id(question), current_language(), today)
    found = _FORMS.get(key)
    if found is not None and found[0] is question:
        return found[1]
    unbound = FIELD_BUILDERS[question.type](question, text, [_check(question, today)])

    class QuestionForm(AnswerForm):
        answer = unbound

    kept = next(iter(_FORMS), None)  # every key kept is of one day
    if kept is not None and kept[2] != today:
        _FORMS.clear()  # a new day: yesterday's checks are dropped
    _FORMS[key] = (question, QuestionForm)
    return QuestionForm


def _shown(question: Question, stored: str | None) -> str | None:
    """Show a stored amount the way a person would type it ($1,234.56 -> 1,234.56)."""
    if stored and question.type == "money":
        try:
            return parsers.format_money(parsers.parse_money(stored)).lstrip("$")
        except parsers.ParseError:
            return stored
    return stored
