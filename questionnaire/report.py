"""The report's view model: the assessment arranged for people (screen now, PDF later)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .law.assess import Assessment
from .law.case import Case
from .law.options import Option
from .parsers import format_money

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
            f"{money(high)}, depending on the open questions below."
        )
    return f"About {money(likely)}."


def _deadline_line(assessment: Assessment) -> str:
    result = assessment.deadline
    if result is None:
        return "We did not find a special time limit for the lender in your state."
    if result.last_day is None:
        return "The lender has a time limit, but we could not work out the date."
    day = f"{result.last_day:%B} {result.last_day.day}, {result.last_day.year}"
    if result.passed:
        return f"The lender's time limit ended on {day}."
    return f"The lender must act by {day}."


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


def build_report(case: Case, assessment: Assessment) -> Report:
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
            {"name": LIEN_NAMES[loan.lien], "loan": loan, "bars": _bars(loan, case)}
        )
    if case.sale_date is not None:
        label = "Sale date" if case.sale_date <= case.today else "Planned sale date"
        report.timeline.append(Milestone(case.sale_date, label, case.sale_date <= case.today))
    if assessment.deadline is not None and assessment.deadline.last_day is not None:
        day = assessment.deadline.last_day
        report.timeline.append(Milestone(day, "The lender's last day to act", day < case.today))
    report.timeline.append(Milestone(case.today, "Today", False))
    report.timeline.sort(key=lambda m: m.day)
    return report
