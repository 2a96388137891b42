"""The lender's time limit to seek a deficiency: the last day, and whether it has passed."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from .case import Case, Loan
from .facts import Deadline, Jurisdiction, Period
from .matching import match
from .records import fast_init

CONFIDENCE = {"high": 0, "medium": 1, "low": 2}
# The deciding fact that dates each trigger (the sale date is asked on its own page).
TRIGGER_FACT = {
    "sale_date": "sale_date",
    "deed_after_sale": "deed_after_sale_date",
    "confirmation_of_sale": "sale_confirmed_date",
    "judgment": "judgment_date",
}
# Triggers that come after the sale (so the clock cannot end before sale date + period) and
# the one that comes before it (so it cannot end after sale date + period).
AFTER_SALE = ("deed_after_sale", "confirmation_of_sale", "end_of_redemption")
BEFORE_SALE = ("judgment",)


def add_period(start: dt.date, period: Period) -> dt.date:
    """The same calendar day after a number of days, months or years (clipped to month end)."""
    if period.days is not None:
        return start + dt.timedelta(days=period.days)
    months = period.months if period.months is not None else 12 * (period.years or 0)
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def period_parts(period: Period) -> tuple[int, str]:
    """(3, 'months'), (90, 'days'), (1, 'years')."""
    for unit in ("days", "months", "years"):
        count = getattr(period, unit)
        if count is not None:
            return int(count), unit
    return 0, "days"


def describe(period: Period) -> str:
    """'3 months', '90 days', '1 year' (for the API's language-neutral `period`)."""
    count, unit = period_parts(period)
    return f"{count} {unit[:-1] if count == 1 else unit}"


@fast_init
@dataclass(frozen=True)
class DeadlineResult:
    """The lender's deadline for one loan.

    `last_day` when the event that starts the clock is known; otherwise `earliest` or
    `latest` bound it from the sale date, and `needs` names the fact that would fix it."""

    rule: Deadline
    last_day: dt.date | None
    passed: bool | None
    starts: dt.date | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    needs: str | None = None
    missing: tuple[str, ...] = ()  # facts that decide whether this time limit applies at all
    assumed: tuple[tuple[str, str], ...] = ()


def _redemption_end(jurisdiction: Jurisdiction, case: Case) -> dt.date | None:
    redemption = jurisdiction.redemption
    if case.sale_date is None or redemption is None or redemption.period is None:
        return None
    return add_period(case.sale_date, redemption.period) if redemption.after_sale else None


def _start(jurisdiction: Jurisdiction, case: Case, rule: Deadline) -> dt.date | None:
    if rule.trigger == "end_of_redemption":
        return _redemption_end(jurisdiction, case)
    name = TRIGGER_FACT.get(rule.trigger)
    if name == "sale_date":
        return case.sale_date
    value = case.facts.get(name) if name else None
    return value if isinstance(value, dt.date) else None


def _last_day(start: dt.date, rule: Deadline) -> dt.date:
    begin = start + dt.timedelta(days=1) if rule.starts_next_day else start
    return add_period(begin, rule.period)


def compute(jurisdiction: Jurisdiction, case: Case, rule: Deadline) -> DeadlineResult:
    """The last day under one time limit, or the bounds we can give without its start."""
    start = _start(jurisdiction, case, rule)
    if start is not None and case.sale_date_precision == "month" and case.sale_dates:
        # Only the month of the sale is known: the last day falls in a range of days.
        latest_start = _start(jurisdiction, replace(case, sale_date=case.sale_dates[1]), rule)
        if latest_start is not None and latest_start != start:
            first, last = _last_day(start, rule), _last_day(latest_start, rule)
            passed = True if case.today > last else False if case.today <= first else None
            return DeadlineResult(
                rule, None, passed, earliest=first, latest=last, needs="sale_date"
            )
    if start is not None:
        last_day = _last_day(start, rule)
        return DeadlineResult(rule, last_day, case.today > last_day, starts=start)
    needs = TRIGGER_FACT.get(rule.trigger)
    if rule.trigger == "end_of_redemption" or needs == "sale_date":
        needs = "sale_date" if case.sale_date is None else None
    if case.sale_date is None or rule.trigger == "other":
        return DeadlineResult(rule, None, None, needs=needs)
    first, last = case.sale_dates or (case.sale_date, case.sale_date)
    if rule.trigger in AFTER_SALE:
        # The event comes after the sale: no sooner than the period from its earliest day.
        return DeadlineResult(
            rule, None, None, earliest=add_period(first, rule.period), needs=needs
        )
    if rule.trigger in BEFORE_SALE:
        # The event comes before the sale: no later than the period from its latest day.
        return DeadlineResult(rule, None, None, latest=add_period(last, rule.period), needs=needs)
    return DeadlineResult(rule, None, None, needs=needs)


def find_deadline(
    jurisdiction: Jurisdiction,
    case: Case,
    processes: list[str],
    covers: tuple[str, ...] = ("foreclosed_loan", "every_loan"),
    loan: Loan | None = None,
) -> DeadlineResult | None:
    """The time limit that fits the process (and the loan); computed from what we know."""
    candidates: list[tuple[Deadline, tuple[str, ...], tuple[tuple[str, str], ...]]] = []
    subject = loan if loan is not None else (case.loans[0] if case.loans else None)
    for rule in jurisdiction.deadline:
        if not any(p in rule.processes for p in processes) or rule.covers not in covers:
            continue
        missing: tuple[str, ...] = ()
        assumed: tuple[tuple[str, str], ...] = ()
        if rule.applies_to is not None and subject is not None:
            results = [
                match(rule.applies_to, case, subject, p, rule.usual_facts)
                for p in processes
                if p in rule.processes
            ]
            if all(r.fits is False for r in results):
                continue
            missing = tuple(dict.fromkeys(m for r in results for m in r.missing))
            assumed = tuple(dict.fromkeys(a for r in results for a in r.assumed))
        candidates.append((rule, missing, assumed))
    if not candidates:
        return None
    # Settled before conditional, surer before less sure, a computable start first.
    candidates.sort(
        key=lambda c: (bool(c[1]), CONFIDENCE[c[0].confidence], c[0].trigger == "other")
    )
    rule, missing, assumed = candidates[0]
    result = compute(jurisdiction, case, rule)
    return DeadlineResult(
        rule,
        result.last_day,
        result.passed,
        result.starts,
        result.earliest,
        result.latest,
        result.needs,
        missing,
        assumed,
    )
