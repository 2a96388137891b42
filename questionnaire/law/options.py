"""The ways out, side by side: for this person, is each open and what would it leave owing?"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from types import EllipsisType
from typing import TYPE_CHECKING, Any

from .case import Case
from .findings import Reason, finding
from .money import ZERO
from .money_facts import OptionsContent, OptionText
from .records import evolve, fast_init

if TYPE_CHECKING:
    from .assess import Assessment

BEFORE_SALE = ("behind_on_payments", "foreclosure_started", "sale_scheduled")
PLANNED = ("short_sale_planned", "deed_in_lieu_planned")
FORECLOSURE_STAGES = (*BEFORE_SALE, "foreclosure_sale_done")


@fast_init
@dataclass(frozen=True)
class Option:
    """One option computed for this case."""

    id: str
    available: str  # yes | no | maybe
    why: Reason
    remaining_exposure: Decimal | None
    saves: Decimal | None
    text: OptionText


class Rerun:
    """Runs the same assessment on changed facts ('what if I did a short sale?')."""

    def __init__(self, case: Case, exposure_total: Callable[[Case], Decimal | None]) -> None:
        self.case = case
        self.exposure_total = exposure_total

    def exposure(self, **changes: Any) -> Decimal | None:
        """The total exposure if the facts were changed this way."""
        return self.exposure_total(evolve(self.case, **changes))


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
    texts = {text.id: text for text in content.options}

    def add(
        option_id: str,
        available: str,
        why: Reason,
        left: Decimal | None,
        saves: Decimal | EllipsisType | None = ...,
    ) -> None:
        saved = _saved(now, left) if isinstance(saves, EllipsisType) else saves
        options.append(Option(option_id, available, why, left, saved, texts[option_id]))

    if open_before_sale:
        add(
            "keep-the-home",
            "maybe",
            finding("option-keep-open"),
            ZERO,
        )
    else:
        add("keep-the-home", "no", finding("option-keep-closed"), None)

    sell_open = stage in BEFORE_SALE or stage == "short_sale_planned"
    if sell_open:
        why = finding("option-short-sale-open")
        add("short-sale-with-release", "maybe", why, ZERO)
        left = rerun.exposure(
            stage="short_sale_done",
            sale_price=price,
            written_release="no",
            lender_approved_sale="yes",
        )
        add("short-sale-without-release", "maybe", why, left)
    else:
        why = finding("option-short-sale-closed")
        add("short-sale-with-release", "no", why, None)
        add("short-sale-without-release", "no", why, None)

    give_back_open = stage in BEFORE_SALE or stage == "deed_in_lieu_planned"
    if give_back_open:
        why = finding("option-deed-open")
        add("deed-in-lieu-with-waiver", "maybe", why, ZERO)
        left = rerun.exposure(stage="deed_in_lieu_done", written_release="no")
        add("deed-in-lieu-without-waiver", "maybe", why, left)
    else:
        why = finding("option-deed-closed")
        add("deed-in-lieu-with-waiver", "no", why, None)
        add("deed-in-lieu-without-waiver", "no", why, None)

    if now is None or now > ZERO:
        add(
            "settlement",
            "yes",
            finding("option-settlement-open"),
            now,
        )
    else:
        add("settlement", "no", finding("option-settlement-closed"), now)

    add("fair-value-challenge", *_fair_value(base, stage, now))

    if case.bankruptcy == "chapter7_discharged":
        add("chapter-7", "no", finding("option-chapter-7-done"), now)
    else:
        left = rerun.exposure(bankruptcy="chapter7_discharged")
        add(
            "chapter-7",
            "maybe",
            finding("option-chapter-7-open"),
            left,
        )
    add(
        "chapter-13",
        "maybe" if case.bankruptcy != "chapter13_discharged" else "no",
        finding("option-chapter-13"),
        None,
    )
    add("wait-out-deadline", *_deadline(base, case, now))
    return options


Outcome = tuple[str, Reason, Decimal | None, Decimal | None]  # available, why, left, saves


def _fair_value(base: Assessment, stage: str, now: Decimal | None) -> Outcome:
    credits = {loan.credit_basis for loan in base.loans}
    if stage not in FORECLOSURE_STAGES or not credits & {"fair_market_value", "greater_of"}:
        return ("no", finding("option-fair-value-closed"), None, None)
    why = finding("option-fair-value-open")
    return "yes", why, now, _saved(base.exposure_high, now)


def _deadline(base: Assessment, case: Case, now: Decimal | None) -> Outcome:
    # A time limit that already ran out on a loan, else the case's leading one.
    lapsed = [loan.deadline for loan in base.loans if loan.barred_by == "deadline"]
    result = lapsed[0] if lapsed else base.deadline
    if result is None or result.last_day is None:
        return "no", finding("option-deadline-unknown"), None, None
    day = result.last_day
    if result.passed and case.lawsuit_served == "no":
        return "yes", finding("option-deadline-passed", day=day), now, None
    if result.passed:
        return "maybe", finding("option-deadline-passed-served", day=day), None, None
    return "maybe", finding("option-deadline-ahead", day=day), None, None
