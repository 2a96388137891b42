"""Turns stored answers on the current path into case facts named as in the assessment API."""

from __future__ import annotations

from typing import Any

from .content import Questionnaire
from .flow import Answers, Location, path
from .law import case as api
from .schema import Question

# The request fields of the assessment API that questions may feed (DESIGN, "The assessment API").
CASE_FIELDS = frozenset(api.CASE_FIELDS) - {"loans", "today", "language"}
LOAN_FIELDS = frozenset(api.LOAN_FIELDS) - {"lien"}
LIENS = api.LIENS
UNITS_CAP = 5  # the API counts five or more units as 5


def _fact(question: Question, value: str) -> Any:
    """Convert one stored answer to its API form; None means 'unknown, leave it out'."""
    if value == "":
        return None
    if question.type == "single_choice":
        option = next((o for o in question.options if o.value == value), None)
        return None if option is None or option.unknown else value
    if question.type == "whole_number":
        number = int(value)
        return min(number, UNITS_CAP) if question.field == "units" else number
    return value  # money, dates, numbers and codes are stored in their API form


def case_facts(questionnaire: Questionnaire, answers: Answers) -> dict[str, Any]:
    """Build the API request body from the answers that are on the path (others are ignored)."""
    return facts_on(questionnaire, answers, path(questionnaire, answers))


def facts_on(
    questionnaire: Questionnaire, answers: Answers, pages: list[Location]
) -> dict[str, Any]:
    """The API request body from the answers on these pages."""
    facts: dict[str, Any] = {}
    loans: dict[int, dict[str, Any]] = {}
    for location in pages:
        question = questionnaire.questions[location.question_id]
        value = answers.get(location.key)
        if question.field is None or value is None:
            continue
        fact = _fact(question, value)
        if fact is None:
            continue
        if question.type == "date" and isinstance(fact, str) and len(fact) == 7:
            # Month and year only: the API takes the first day and says so.
            facts[f"{question.field}_precision"] = "month"
            fact = f"{fact}-01"
        if location.item is None:
            facts[question.field] = fact
        else:
            loans.setdefault(location.item, {})[question.field] = fact
    # Loans asked about on this path (a shorter count leaves later loans off it).
    items = sorted({loc.item for loc in pages if loc.item is not None and loc.item <= len(LIENS)})
    if items:
        facts["loans"] = [{"lien": LIENS[i - 1], **loans.get(i, {})} for i in items]
    return facts


__all__ = ["CASE_FIELDS", "LIENS", "LOAN_FIELDS", "Location", "case_facts", "facts_on"]
