"""The action plan: the person's own steps and dates, from their answers and the law.

Each step is a finding (a message code with typed parameters and the law it rests on), with
the day to act by where one can be worked out and the paper to look for. Steps come in the
order a person should take them: what cannot wait, then by date, then the rest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .case import Case
from .deadlines import add_period, period_parts
from .deciding import can_find_out
from .facts import FederalLaw, Jurisdiction
from .findings import Reason, SourceRef, finding
from .overlays import federal_reason
from .records import fast_init
from .verdict import cite

if TYPE_CHECKING:
    from .assess import Assessment, LoanAssessment

BEFORE_SALE = ("behind_on_payments", "foreclosure_started", "sale_scheduled")
PLANNED = ("short_sale_planned", "deed_in_lieu_planned")


@fast_init
@dataclass(frozen=True)
class Step:
    """One thing to do: what (a finding), by when, and which paper tells you more."""

    reason: Reason
    day: dt.date | None = None
    approximate: bool = False  # the day rests on a date the person gave only roughly
    paper: str | None = None  # a phrase key: the paper to look for
    urgent: bool = False  # do it now, whatever the date
    lien: str | None = None  # the loan it is about, when it is about one


def _court_papers(case: Case, jurisdiction: Jurisdiction) -> list[Step]:
    answering = jurisdiction.answering
    if case.lawsuit_served == "not_sure":
        return [Step(finding("plan-check-court-papers"), urgent=True, paper="summons")]
    if case.lawsuit_served != "yes":
        return []
    if answering is None:
        return [Step(finding("plan-answer-papers"), urgent=True, paper="summons")]
    count, unit = period_parts(answering.period)
    reason = cite(
        jurisdiction,
        answering,
        "plan-answer-papers-within",
        count=count,
        unit=unit,
        court_days=answering.counted_in == "court_days",
    )
    return [Step(reason, urgent=True, paper="summons")]


def _loss_mitigation(case: Case, federal: FederalLaw) -> list[Step]:
    rule = federal.loss_mitigation
    if rule is None or case.stage not in BEFORE_SALE or case.occupancy == "rental":
        return []
    sale = case.sale_date if case.sale_date and case.sale_date > case.today else None
    if sale is None:
        return [
            Step(federal_reason(federal, rule, "plan-apply-for-help"), paper="servicer_letters")
        ]
    by = sale - dt.timedelta(days=period_parts(rule.period)[0])
    if by >= case.today and case.sale_date_precision == "month":
        # Counted from the first day of the month of the sale: the safe side.
        reason = federal_reason(federal, rule, "plan-apply-for-help-by-month", day=by, month=sale)
        return [Step(reason, day=by, approximate=True, paper="notice_of_sale")]
    if by >= case.today:
        reason = federal_reason(federal, rule, "plan-apply-for-help-by", day=by, sale=sale)
        return [Step(reason, day=by, paper="notice_of_sale")]
    reason = federal_reason(federal, rule, "plan-apply-for-help-late", sale=sale)
    return [Step(reason, urgent=True, paper="notice_of_sale")]


def _mediation(case: Case, jurisdiction: Jurisdiction) -> list[Step]:
    program = jurisdiction.mediation
    if program is None or case.stage not in BEFORE_SALE:
        return []
    # An unknown kind of foreclosure keeps the program in: it may well apply.
    if case.foreclosure_type in ("judicial", "nonjudicial") and (
        case.foreclosure_type not in program.processes
    ):
        return []
    if program.primary_residence_only and case.occupancy not in (None, "primary_residence"):
        return []
    params: dict[str, Any] = {"program": dict(program.name)}
    code = "plan-ask-for-mediation"
    if program.request_within is not None and program.request_after is not None:
        count, unit = period_parts(program.request_within)
        params.update(count=count, unit=unit, after=program.request_after)
        code = "plan-ask-for-mediation-within"
    reason = cite(jurisdiction, program, code, **params)
    program_link = SourceRef(str(program.name.get("en", "")), str(program.url))
    reason = replace(reason, sources=(program_link, *reason.sources))
    paper = "summons" if program.request_after == "summons" else "notice_of_default"
    return [Step(reason, paper=paper)]


def _redemption(case: Case, jurisdiction: Jurisdiction) -> list[Step]:
    redemption = jurisdiction.redemption
    if (
        case.stage != "foreclosure_sale_done"
        or redemption is None
        or not redemption.after_sale
        or redemption.period is None
        or case.sale_date is None
    ):
        return []
    process = case.foreclosure_type
    if process not in ("judicial", "nonjudicial"):
        process = jurisdiction.foreclosure.usual
    if redemption.processes is not None and process not in redemption.processes:
        return []
    end = add_period(case.sale_date, redemption.period)
    if end < case.today:
        return []
    reason = cite(jurisdiction, redemption, "plan-redemption-ends", day=end)
    return [Step(reason, day=end, approximate=True, paper="sale_certificate")]


def _lenders(case: Case, loans: tuple[LoanAssessment, ...]) -> list[Step]:
    steps = []
    for loan in loans:
        deadline = loan.deadline
        if deadline is None:
            continue
        if deadline.last_day is None and deadline.earliest and deadline.latest:
            # Only the month of the sale is known: watch until the latest possible last day.
            if loan.carries_exposure and deadline.passed is not True:
                reason = finding("plan-lender-deadline", day=deadline.latest, lien=loan.lien)
                steps.append(
                    Step(reason, day=deadline.latest, approximate=True, lien=loan.lien,
                         paper="court_mail")
                )  # fmt: skip
            continue
        if deadline.last_day is None:
            continue
        if loan.carries_exposure and not deadline.passed:
            reason = finding("plan-lender-deadline", day=deadline.last_day, lien=loan.lien)
            steps.append(Step(reason, day=deadline.last_day, lien=loan.lien, paper="court_mail"))
        elif loan.barred_by == "deadline":
            reason = finding("plan-lender-out-of-time", day=deadline.last_day, lien=loan.lien)
            steps.append(Step(reason, lien=loan.lien))
    return steps


def action_plan(
    case: Case, assessment: Assessment, jurisdiction: Jurisdiction, federal: FederalLaw
) -> tuple[Step, ...]:
    """The steps for this person, most pressing first."""
    steps = _court_papers(case, jurisdiction)
    steps += _loss_mitigation(case, federal)
    steps += _mediation(case, jurisdiction)
    steps += _redemption(case, jurisdiction)
    steps += _lenders(case, assessment.loans)
    if case.stage in PLANNED and case.written_release != "yes":
        steps.append(Step(finding("plan-get-written-release"), paper="release_letter"))
    owed = any(loan.carries_exposure for loan in assessment.loans)
    findable = [
        f for f in assessment.unknown_facts if can_find_out(f.fact, not assessment.conditional)
    ]
    for fact in findable[:1]:
        if fact.lien is None:
            reason = finding("plan-find-out", fact=fact.fact)
        else:
            reason = finding("plan-find-out-loan", fact=fact.fact, lien=fact.lien)
        steps.append(Step(reason, lien=fact.lien))
    if owed or case.stage in BEFORE_SALE + PLANNED:
        steps.append(Step(finding("plan-call-counselor")))
    if owed:
        steps.append(Step(finding("plan-ask-amount-in-writing"), paper="lender_letters"))
    steps.append(Step(finding("plan-keep-papers")))
    urgent = [s for s in steps if s.urgent]
    dated = sorted((s for s in steps if not s.urgent and s.day is not None), key=_when)
    rest = [s for s in steps if not s.urgent and s.day is None]
    return tuple(urgent + dated + rest)


def _when(step: Step) -> dt.date:
    assert step.day is not None
    return step.day
