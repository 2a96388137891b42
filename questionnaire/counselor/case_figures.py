"""What a case's answers come to, as codes, dates and amounts (never sentences): for the case
list's filters, the export and the agency's counts. The same pure assess() as the report."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from .. import flow
from ..case_facts import case_facts
from ..content import Questionnaire
from ..law.assess import assess
from ..law.case import CaseErrors, read_case
from ..law.deadlines import DeadlineResult
from ..law.library import LawLibrary


@dataclass(frozen=True)
class LoanFigures:
    """One loan's verdict, amounts and the lender's time limit."""

    lien: str
    collectability: str
    deficiency: Decimal | None
    exposure: Decimal | None
    deadline: dt.date | None
    deadline_exact: bool


@dataclass(frozen=True)
class CaseFigures:
    """The case's state and stage as answered, and, once every question is answered, the
    assessment's verdict, total exposure, earliest deadline and per-loan figures."""

    state: str | None
    stage: str | None
    complete: bool
    collectability: str | None = None
    exposure_total: Decimal | None = None
    deadline: dt.date | None = None
    deadline_exact: bool = False
    loans: tuple[LoanFigures, ...] = ()


def _day(result: DeadlineResult | None) -> tuple[dt.date | None, bool]:
    """The last day, or when it is not known yet the earliest it could be (to be safe)."""
    if result is None:
        return None, False
    if result.last_day is not None:
        return result.last_day, True
    return result.earliest or result.latest, False


def case_figures(
    content: Questionnaire, law: LawLibrary, answers_json: str, today: dt.date
) -> CaseFigures:
    """The figures for one case's stored answers."""
    try:
        answers = json.loads(answers_json)
    except ValueError:
        answers = {}
    if not isinstance(answers, dict):
        answers = {}
    state = answers.get("state") if isinstance(answers.get("state"), str) else None
    stage = answers.get("stage") if isinstance(answers.get("stage"), str) else None
    if flow.first_unanswered(flow.path(content, answers), answers) is not None:
        return CaseFigures(state, stage, complete=False)
    try:
        case = read_case(case_facts(content, answers), today)
    except CaseErrors:
        return CaseFigures(state, stage, complete=False)
    result = assess(case, law)
    deadline, exact = _day(result.deadline)
    loans = []
    for loan in result.loans:
        day, loan_exact = _day(loan.deadline)
        loans.append(
            LoanFigures(
                loan.lien, loan.collectability, loan.deficiency, loan.exposure, day, loan_exact
            )
        )
    return CaseFigures(
        state=case.state,
        stage=case.stage,
        complete=True,
        collectability=result.collectability,
        exposure_total=result.exposure_total,
        deadline=deadline,
        deadline_exact=exact,
        loans=tuple(loans),
    )
