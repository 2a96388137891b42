"""The lender's time limit to seek a deficiency: the last day, and whether it has passed."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .case import Case
from .facts import Deadline, Jurisdiction, Period

CONFIDENCE = {"high": 0, "medium": 1, "low": 2}
TRIGGERS = {
    "sale_date": "the date of the sale",
    "confirmation_of_sale": "the day the court confirms the sale",
    "end_of_redemption": "the end of the time to buy the home back",
    "judgment": "the foreclosure judgment",
    "other": "an event set by the statute",
}


def add_period(start: dt.date, period: Period) -> dt.date:
    """The same calendar day after a number of days, months or years (clipped to month end)."""
    if period.days is not None:
        return start + dt.timedelta(days=period.days)
    months = period.months if period.months is not None else 12 * (period.years or 0)
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def describe(period: Period) -> str:
    """'3 months', '90 days', '1 year'."""
    for unit in ("days", "months", "years"):
        count = getattr(period, unit)
        if count is not None:
            return f"{count} {unit[:-1] if count == 1 else unit}"
    return ""


@dataclass(frozen=True)
class DeadlineResult:
    """The lender's deadline for this case."""

    rule: Deadline
    last_day: dt.date | None
    passed: bool | None


def find_deadline(
    jurisdiction: Jurisdiction,
    case: Case,
    processes: list[str],
    covers: tuple[str, ...] = ("foreclosed_loan", "every_loan"),
) -> DeadlineResult | None:
    """The time limit that fits the process; computed when it counts from a known sale date."""
    rules = [
        d
        for d in jurisdiction.deadline
        if any(p in d.processes for p in processes) and d.covers in covers
    ]
    if not rules:
        return None
    rules.sort(key=lambda d: (CONFIDENCE[d.confidence], d.trigger != "sale_date"))
    rule = rules[0]
    if rule.trigger != "sale_date" or case.sale_date is None:
        return DeadlineResult(rule, None, None)
    last_day = add_period(case.sale_date, rule.period)
    return DeadlineResult(rule, last_day, case.today > last_day)
