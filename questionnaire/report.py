"""The report's view model: the assessment arranged for people, in the order they use it.

Every sentence comes from content (findings.yaml through Words, option and law texts); this
module only chooses which, fills in the numbers and puts them in order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .law.assess import Assessment, LoanAssessment
from .law.case import Case
from .law.deciding import can_find_out
from .law.findings import Reason
from .law.options import Option
from .law.plan import Step
from .words import Words

HUD_COUNSELORS = "https://www.hud.gov/findacounselor"


@dataclass(frozen=True)
class Bar:
    """One bar of a loan's picture: a label, an amount and its width in percent."""

    label: str
    amount: str
    width: float
    kind: str

    @property
    def step(self) -> int:
        """The width in steps of 2% (the stylesheet's w0…w100 classes; no inline styles)."""
        return max(2, min(100, 2 * round(self.width / 2))) if self.width > 0 else 0


@dataclass(frozen=True)
class PlanItem:
    """One numbered step of "What to do now"."""

    day: str  # "January 4, 2027", or "" when there is no date
    text: str
    paper: str
    law: Reason | None  # the law behind it, folded away; None for plain advice
    urgent: bool
    approximate: bool


@dataclass(frozen=True)
class LoanSummary:
    """One loan at the top of the report and in its own section."""

    number: int
    name: str
    verdict: str
    line: str  # can the lender come after you, and about how much
    next: str  # the first thing to do about this loan, with its date
    loan: LoanAssessment
    bars: list[Bar]
    show_deadline: bool


@dataclass(frozen=True)
class HelpItem:
    """A free help service."""

    name: str
    url: str
    detail: str = ""


@dataclass
class Report:
    """Everything the report page and the PDF show, in order."""

    collectability: str
    loans: list[LoanSummary]
    plan: list[PlanItem]
    options_open: list[Option] = field(default_factory=list)
    options_closed: list[Option] = field(default_factory=list)
    to_find_out: list[dict[str, str]] = field(default_factory=list)
    help: list[HelpItem] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    sources: list[tuple[str, str]] = field(default_factory=list)
    assessment: Assessment | None = None
    calendar: list[tuple[dt.date, str]] = field(default_factory=list)

    def source_number(self, title: str, url: str) -> int | None:
        """Where a source stands in the report's numbered list of sources (1 first), if listed."""
        try:
            return self.sources.index((title, url)) + 1
        except ValueError:
            return None


def _bars(words: Words, loan: LoanAssessment, case: Case) -> list[Bar]:
    label = words.message
    parts: list[tuple[str, Decimal | None, str]] = [
        (label("bar-owed"), loan.total_debt, "debt"),
        (label("bar-value"), case.home_value, "value"),
        (label("bar-sale-price"), case.sale_price, "price"),
        (label("bar-paid"), loan.proceeds_applied, "paid"),
        (label("bar-gap"), loan.shortfall, "gap"),
        (label("bar-can-ask"), loan.exposure, "exposure"),
    ]
    known = [(text, amount, kind) for text, amount, kind in parts if amount is not None]
    top = max((amount for _t, amount, _k in known), default=Decimal(0)) or Decimal(1)
    return [
        Bar(text, words.money(amount), round(float(amount / top) * 100, 1), kind)
        for text, amount, kind in known
    ]


def _amount(words: Words, loan: LoanAssessment) -> str:
    low, high = loan.exposure_low, loan.exposure_high
    if loan.collectability == "barred":
        return ""
    if loan.exposure is None:
        return words.message("report-amount-unknown")
    if low is not None and high is not None and low != high:
        return words.message(
            "report-amount-range", {"amount": loan.exposure, "low": low, "high": high}
        )
    return words.message("report-amount-about", {"amount": loan.exposure})


def _verdict_line(words: Words, loan: LoanAssessment, case: Case, conditional: bool) -> str:
    code = f"report-verdict-{loan.collectability}" + ("-if" if conditional else "")
    line = words.message(code, {"plan": case.stage})
    return " ".join(part for part in (line, _amount(words, loan)) if part)


def _plan(words: Words, steps: tuple[Step, ...]) -> list[PlanItem]:
    items = []
    for step in steps:
        law = step.reason if step.reason.citations else None
        items.append(
            PlanItem(
                day=words.date(step.day),
                text=words.message(step.reason.code, step.reason.params),
                paper=words.paper(step.paper),
                law=law,
                urgent=step.urgent,
                approximate=step.approximate,
            )
        )
    return items


def _when(words: Words, step: Step) -> str:
    """'Now:', 'By January 4, 2027:' or 'About May 2, 2027:' ('' for a step with no date)."""
    if step.urgent:
        return words.message("report-when-now")
    if step.day is None:
        return ""
    code = "report-when-about" if step.approximate else "report-when-by"
    return words.message(code, {"day": step.day})


def _loan_next(words: Words, loan: LoanAssessment, steps: tuple[Step, ...]) -> str:
    """What cannot wait, else the first step about this loan, else the case's, with its date.

    A loan the lender cannot collect on gets its own steps only (or the last: keep papers)."""
    own = [s for s in steps if s.lien == loan.lien]
    shared = [s for s in steps if s.lien is None]
    urgent = [s for s in shared if s.urgent]
    chosen: Step | None
    if loan.collectability == "barred":
        chosen = own[0] if own else (steps[-1] if steps else None)
    else:
        chosen = next(iter(urgent + own + shared), None)
    if chosen is None:
        return ""
    text = words.message(chosen.reason.code, chosen.reason.params)
    return " ".join(part for part in (_when(words, chosen), text) if part)


def _help(words: Words, assessment: Assessment) -> list[HelpItem]:
    jurisdiction = assessment.jurisdiction
    items = [
        HelpItem(words.message("help-hud-name"), HUD_COUNSELORS, words.message("help-hud-detail"))
    ]
    if jurisdiction.help is not None:
        links = [jurisdiction.help.legal_aid, *jurisdiction.help.more]
        items += [HelpItem(words.pick(link.name), str(link.url)) for link in links]
    if jurisdiction.mediation is not None:
        program = jurisdiction.mediation
        detail = words.message("help-mediation-detail", {"state": jurisdiction.code})
        items.append(HelpItem(words.pick(program.name), str(program.url), detail))
    items.append(
        HelpItem(
            words.message("help-cfpb-name"),
            "https://www.consumerfinance.gov/",
            words.message("help-cfpb-detail"),
        )
    )
    return items


def _law_behind(assessment: Assessment) -> tuple[list[str], list[tuple[str, str]]]:
    """Every citation and source the report rests on, once each, in order of use."""
    reasons: list[Reason] = []
    for loan in assessment.loans:
        reasons += [*loan.reasons, *loan.deadline_reasons, *loan.conditions]
    reasons += [step.reason for step in assessment.plan]
    citations: list[str] = []
    sources: list[tuple[str, str]] = []
    for reason in reasons:
        citations += [c for c in reason.citations if c not in citations]
        for source in reason.sources:
            if (source.title, source.url) not in sources:
                sources.append((source.title, source.url))
    for loan in assessment.loans:
        if loan.deadline is not None:
            citations += [c for c in loan.deadline.rule.citations if c not in citations]
    return citations, sources


def build_report(
    case: Case,
    assessment: Assessment,
    words: Words,
    questions: Mapping[str, Any] | None = None,
) -> Report:
    """Arrange the assessment for the report page and the PDF."""
    steps = assessment.plan
    report = Report(
        collectability=assessment.collectability,
        loans=[],
        plan=_plan(words, steps),
        assessment=assessment,
    )
    for number, loan in enumerate(assessment.loans, start=1):
        report.loans.append(
            LoanSummary(
                number=number,
                name=words.message(f"report-loan-{loan.lien}"),
                verdict=loan.collectability,
                line=_verdict_line(words, loan, case, assessment.conditional),
                next=_loan_next(words, loan, steps),
                loan=loan,
                bars=_bars(words, loan, case),
                show_deadline=loan.carries_exposure or loan.barred_by == "deadline",
            )
        )
    report.options_open = [o for o in assessment.options if o.available != "no"]
    report.options_closed = [o for o in assessment.options if o.available == "no"]
    questions = questions or {}
    for fact in (*assessment.unknown_facts, *assessment.assumed_facts):
        if not can_find_out(fact.fact, not assessment.conditional):
            continue
        question = questions.get(fact.fact)
        what = words.unknown(fact)
        where = words.pick(question.hint) if question is not None and question.hint else ""
        item = {"what": what[0].upper() + what[1:], "where": where}
        if item not in report.to_find_out:
            report.to_find_out.append(item)
    report.help = _help(words, assessment)
    report.citations, report.sources = _law_behind(assessment)
    report.calendar = [
        (step.day, words.message(step.reason.code, step.reason.params))
        for step in steps
        if step.day is not None
    ]
    return report
