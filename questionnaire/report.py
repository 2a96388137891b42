"""The report's view model: the assessment arranged for people (screen now, PDF later)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .law.assess import Assessment
from .law.case import Case
from .law.deadlines import describe
from .law.options import Option
from .parsers import format_money
from .words import Words

VERDICT_HEADLINE = {
    "barred": "The lender cannot make you pay more.",
    "limited": "The lender can ask for more money, but the law limits how much.",
    "allowed": "The lender can ask a court to make you pay the rest.",
    "unclear": "We cannot tell for sure. Talk to a lawyer or housing counselor soon.",
}
LIEN_NAMES = {"first": "Your first loan", "second": "Your second loan", "third": "Your third loan"}


def money(amount: Decimal | None) -> str:
    """$1,234.56, or 'not known'."""
    return "not known" if amount is None else format_money(amount)


@dataclass(frozen=True)
class Bar:
    """One bar of the picture: a label, an amount and its width in percent."""

    label: str
    amount: Decimal
    width: float
    kind: str


@dataclass(frozen=True)
class Milestone:
    """A date that matters."""

    day: dt.date
    label: str
    past: bool


@dataclass
class Report:
    """Everything the report page shows."""

    headline: str
    collectability: str
    amount_line: str
    deadline_line: str
    loans: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[Milestone] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    assessment: Assessment | None = None
    to_find_out: list[dict[str, str]] = field(default_factory=list)


def _bars(loan: Any, case: Case) -> list[Bar]:
    parts: list[tuple[str, Decimal | None, str]] = [
        ("What you owe", loan.total_debt, "debt"),
        ("Paid by the sale", loan.proceeds_applied, "paid"),
        ("The gap", loan.shortfall, "gap"),
        ("The lender can still ask for", loan.exposure, "exposure"),
    ]
    if case.home_value is not None and loan.credit_basis in ("fair_market_value", "greater_of"):
        parts.insert(2, ("Home's value", case.home_value, "value"))
    known = [(label, amount, kind) for label, amount, kind in parts if amount is not None]
    top = max((amount for _l, amount, _k in known), default=Decimal(0)) or Decimal(1)
    return [
        Bar(label, amount, round(float(amount / top) * 100, 1), kind)
        for label, amount, kind in known
    ]


def _amount_line(assessment: Assessment) -> str:
    likely, low, high = (
        assessment.exposure_total,
        assessment.exposure_low,
        assessment.exposure_high,
    )
    if assessment.collectability == "barred":
        return "As far as we can tell, you owe nothing more after the sale."
    if likely is None:
        return "We cannot work out an amount without the loan balance."
    if low is not None and high is not None and low != high:
        return (
            f"About {money(likely)}. It could be as low as {money(low)} or as high as "
            f"{money(high)}, depending on the facts under “What to find out” below."
        )
    return f"About {money(likely)}."


def _day(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _deadline_line(assessment: Assessment) -> str:
    """The case's deadline: the earliest of a loan that still carries exposure, named."""
    if not any(loan.carries_exposure for loan in assessment.loans):
        return "No lender can ask you for more, as far as we can tell, so no time limit matters."
    result = assessment.deadline
    lender = (
        f"the lender of {LIEN_NAMES[assessment.deadline_lien].lower()}"
        if assessment.deadline_lien and len(assessment.loans) > 1
        else "your lender"
    )
    if result is None:
        return f"We did not find a special time limit for {lender}."
    if result.last_day is not None:
        if result.passed:
            return f"The time limit for {lender} ended on {_day(result.last_day)}."
        return f"{lender[0].upper()}{lender[1:]} must act by {_day(result.last_day)}."
    if result.earliest is not None:
        return (
            f"{lender[0].upper()}{lender[1:]} has a time limit that ends no sooner than "
            f"{_day(result.earliest)}. The exact day depends on a date we do not know yet."
        )
    if result.latest is not None:
        return (
            f"{lender[0].upper()}{lender[1:]} has a time limit that ends no later than "
            f"{_day(result.latest)}."
        )
    if result.rule.trigger == "other":
        return (
            f"{lender[0].upper()}{lender[1:]} has {describe(result.rule.period)} to sue, counted "
            "from when the debt came due. When that was depends on your loan."
        )
    return f"{lender[0].upper()}{lender[1:]} has a time limit, but we could not work out the date."


def _next_steps(case: Case, assessment: Assessment) -> list[str]:
    steps = []
    if case.lawsuit_served == "yes":
        steps.append(
            "You have been sued. Answer the court papers before the deadline on the summons, "
            "or you may lose by default. Get legal help today."
        )
    if assessment.collectability != "barred":
        steps.append("Call a HUD-approved housing counselor. Their help is free.")
        steps.append("Ask each lender in writing how much it says you still owe, and why.")
    steps.append("Keep every letter and paper from your lenders and the court.")
    if case.stage.startswith(("short_sale", "deed_in_lieu")) and case.written_release != "yes":
        steps.append(
            "Before you sign, get the lender's promise in writing that it waives any right to "
            "a deficiency."
        )
    return steps


def build_report(
    case: Case,
    assessment: Assessment,
    words: Words | None = None,
    questions: dict[str, Any] | None = None,
) -> Report:
    """Arrange the assessment for the report page."""
    report = Report(
        headline=VERDICT_HEADLINE[assessment.collectability],
        collectability=assessment.collectability,
        amount_line=_amount_line(assessment),
        deadline_line=_deadline_line(assessment),
        options=list(assessment.options),
        next_steps=_next_steps(case, assessment),
        assessment=assessment,
    )
    for loan in assessment.loans:
        report.loans.append(
            {
                "name": LIEN_NAMES[loan.lien],
                "number": len(report.loans) + 1,
                "loan": loan,
                "bars": _bars(loan, case),
                "show_deadline": loan.carries_exposure or loan.barred_by == "deadline",
            }
        )
    if words is not None:
        questions = questions or {}
        for fact in (*assessment.unknown_facts, *assessment.assumed_facts):
            question = questions.get(fact.fact)
            what = words.unknown(fact)
            where = words.pick(question.hint) if question is not None and question.hint else ""
            item = {"what": what[0].upper() + what[1:], "where": where}
            if item not in report.to_find_out:
                report.to_find_out.append(item)
    if case.sale_date is not None:
        label = "Sale date" if case.sale_date <= case.today else "Planned sale date"
        report.timeline.append(Milestone(case.sale_date, label, case.sale_date <= case.today))
    for loan in assessment.loans:
        deadline = loan.deadline
        if deadline is not None and deadline.last_day is not None and loan.carries_exposure:
            day = deadline.last_day
            label = f"The last day for the lender of {LIEN_NAMES[loan.lien].lower()} to act"
            report.timeline.append(Milestone(day, label, day < case.today))
    report.timeline.append(Milestone(case.today, "Today", False))
    report.timeline.sort(key=lambda m: m.day)
    return report
