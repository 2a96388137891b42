"""Question forms are built once per question, language and day, and still say the right
thing: the person's language, and today's date for dates that cannot be in the future."""

from __future__ import annotations

import datetime as dt

from flask import Flask
from werkzeug.datastructures import MultiDict

from questionnaire.forms import build_form
from questionnaire.i18n import text, use_language


def _labels(app: Flask, language: str) -> list[str]:
    with app.test_request_context():
        use_language(language)
        question = app.extensions["shortfall.questionnaire"].questions["occupancy"]
        form = build_form(question, text, dt.date(2026, 12, 4), None)
        return [label for _value, label in form.answer.choices]


def test_each_language_gets_its_own_choices(app: Flask) -> None:
    english, spanish, again = _labels(app, "en"), _labels(app, "es"), _labels(app, "en")
    assert english == again and english != spanish
    assert len(english) == len(spanish) >= 2


def test_a_new_day_moves_the_last_allowed_date(app: Flask) -> None:
    posted = MultiDict({"answer-month": "12", "answer-day": "5", "answer-year": "2026"})
    with app.test_request_context():
        question = app.extensions["shortfall.questionnaire"].questions["sale-date"]
        assert question.not_after_today
        today = build_form(question, text, dt.date(2026, 12, 4), None, formdata=posted)
        today.validate()
        assert "answer" in today.errors  # tomorrow has not happened yet
        tomorrow = build_form(question, text, dt.date(2026, 12, 5), None, formdata=posted)
        tomorrow.validate()
        assert "answer" not in tomorrow.errors and tomorrow.answer.answer == "2026-12-05"
