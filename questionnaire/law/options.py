"""The ways out, side by side: for this person, is each open and what would it leave owing?"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from types import EllipsisType
from typing import TYPE_CHECKING, Any

from .case import Case
from .money import ZERO
from .money_facts import OptionsContent, OptionText

if TYPE_CHECKING:
    from .assess import Assessment

BEFORE_SALE = ("behind_on_payments", "foreclosure_started", "sale_scheduled")
PLANNED = ("short_sale_planned", "deed_in_lieu_planned")
FORECLOSURE_STAGES = (*BEFORE_SALE, "foreclosure_sale_done")


@dataclass(frozen=True)
class Option:
    """One option computed for this case."""

    id: str
    available: str  # yes | no | maybe
    why: str
    remaining_exposure: Decimal | None
    saves: Decimal | None
    text: OptionText


class Rerun:
    """Runs the same assessment on changed facts ('what if I did a short sale?')."""

    def __init__(self, case: Case, run: Callable[[Case], Assessment]) -> None:
        self.case = case
        self.run = run

    def exposure(self, **changes: Any) -> Decimal | None:
        """The total exposure if the facts were changed this way."""
        return self.run(replace(self.case, **changes)).exposure_total


def _saved(before: Decimal | None, after: Decimal | None) -> Decimal | None:
    if before is None or after is None:
        return None
    return max(before - after, ZERO)


def compare(case: Case, base: Assessment, content: OptionsContent, rerun: Rerun) -> list[Option]:
    """Every option with whether it is open, why, and the exposure it would leave."""
    now = base.exposure_total
    stage = case.stage
    open_before_sale = stage in BEFORE_SALE or stage in PLANNED
    price = case.sale_price if case.sale_price is not None else case.home_value
    options: list[Option] = []

    def add(
        option_id: str,
        available: str,
        why: str,
        left: Decimal | None,
        saves: Decimal | EllipsisType | None = ...,
    ) -> None:
        saved = _saved(now, left) if isinstance(saves, EllipsisType) else saves
        options.append(Option(option_id, available, why, left, saved, content.get(option_id)))

    if open_before_sale:
        add(
            "keep-the-home",
            "maybe",
            "The home has not been sold, so catching up or changing "
            "the loan may still be possible. It depends on your lender and your income.",
            ZERO,
        )
    else:
        add("keep-the-home", "no", "The home has already been sold or given back.", None)

    sell_open = stage in BEFORE_SALE or stage == "short_sale_planned"
    if sell_open:
        why = (
            "The home has not been sold yet, so a short sale is still possible if a lender agrees."
        )
        add("short-sale-with-release", "maybe", why, ZERO)
        left = rerun.exposure(
            stage="short_sale_done",
            sale_price=price,
            written_release="no",
            lender_approved_sale="yes",
        )
        add("short-sale-without-release", "maybe", why, left)
    else:
        why = "A short sale is only possible before the home is sold or given back."
        add("short-sale-with-release", "no", why, None)
        add("short-sale-without-release", "no", why, None)

    give_back_open = stage in BEFORE_SALE or stage == "deed_in_lieu_planned"
    if give_back_open:
        why = "The home has not been sold, so the lender may accept the deed instead."
        add("deed-in-lieu-with-waiver", "maybe", why, ZERO)
        left = rerun.exposure(stage="deed_in_lieu_done", written_release="no")
        add("deed-in-lieu-without-waiver", "maybe", why, left)
    else:
        why = "A deed in lieu is only possible before the home is sold."
        add("deed-in-lieu-with-waiver", "no", why, None)
        add("deed-in-lieu-without-waiver", "no", why, None)

    if now is None or now > ZERO:
        add(
            "settlement",
            "yes",
            "A lender may accept less than the full amount, paid at once "
            "or over time. The amount shown is what a settlement would resolve.",
            now,
        )
    else:
        add("settlement", "no", "As far as we can tell, no lender can collect more from you.", now)

    add("fair-value-challenge", *_fair_value(base, stage, now))

    if case.bankruptcy == "chapter7_discharged":
        add("chapter-7", "no", "You already have a Chapter 7 discharge.", now)
    else:
        left = rerun.exposure(bankruptcy="chapter7_discharged")
        add(
            "chapter-7",
            "maybe",
            "Chapter 7 can wipe out what you would still owe. You must "
            "pass an income test, and some property may be at risk.",
            left,
        )
    add(
        "chapter-13",
        "maybe" if case.bankruptcy != "chapter13_discharged" else "no",
        "In Chapter 13 the shortfall is an unsecured debt in a 3 to 5 year plan. What you pay "
        "depends on your income and the plan, often less than the full amount.",
        None,
    )
    add("wait-out-deadline", *_deadline(base, case, now))
    return options


Outcome = tuple[str, str, Decimal | None, Decimal | None]  # available, why, left, saves


def _fair_value(base: Assessment, stage: str, now: Decimal | None) -> Outcome:
    credits = {loan.credit_basis for loan in base.loans}
    if stage not in FORECLOSURE_STAGES or not credits & {"fair_market_value", "greater_of"}:
        return (
            "no",
            "This state's rule for your case does not credit the home's fair value.",
            None,
            None,
        )
    why = (
        "The law here credits the home's fair value. The amounts assume you ask the court "
        "for it; without that, the lender could ask for the full shortfall."
    )
    return "yes", why, now, _saved(base.exposure_high, now)


def _deadline(base: Assessment, case: Case, now: Decimal | None) -> Outcome:
    result = base.deadline
    if result is None or result.last_day is None:
        return "no", "We could not work out a date when the lender's time runs out.", None, None
    day = result.last_day.isoformat()
    if result.passed and case.lawsuit_served == "no":
        why = f"The lender's time limit ended on {day}, and you have not been served."
        return "yes", why, now, None
    if result.passed:
        why = (
            f"The time limit ended on {day}. If the lender filed after that, the claim may be late."
        )
        return "maybe", why, None, None
    why = f"If the lender does not act by {day}, it may lose the right to ask for more."
    return "maybe", why, None, None
