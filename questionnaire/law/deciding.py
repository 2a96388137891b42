"""Deciding facts: conditions of the law that a person can answer, each a named API field.

A law file names them under `applies_to.facts` (and a deadline under `facts`); the engine
reports the ones it needed and did not know, and the questionnaire asks them only then.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DecidingFact(StrEnum):
    """Every deciding fact, by its API field name."""

    # About the sale (case level, yes / no / not sure)
    LENDER_BOUGHT_AT_SALE = "lender_bought_at_sale"
    SIGNED_TO_STAY_LIABLE = "signed_to_stay_liable"
    FORM_1099C_RECEIVED = "form_1099c_received"
    SALE_APPRAISED = "sale_appraised"
    DEMANDED_SALE_DELAY = "demanded_sale_delay"
    HOMESTEAD_NOTICE_SENT = "homestead_notice_sent"
    VOLUNTARY_FORECLOSURE = "voluntary_foreclosure"
    FORECLOSURE_WITHOUT_REDEMPTION = "foreclosure_without_redemption"
    TWELVE_MONTH_REDEMPTION = "twelve_month_redemption"
    # Dates that start a lender's clock (case level)
    DEED_AFTER_SALE_DATE = "deed_after_sale_date"
    SALE_CONFIRMED_DATE = "sale_confirmed_date"
    JUDGMENT_DATE = "judgment_date"
    # About each loan (yes / no / not sure, or a date)
    LOAN_DATE = "loan_date"
    DEED_OF_TRUST = "deed_of_trust"
    SAME_LENDER_AS_FORECLOSING = "same_lender_as_foreclosing"
    MADE_WITH_FIRST_LOAN = "made_with_first_loan"
    LENDER_IS_BANK = "lender_is_bank"
    DEBT_SOLD = "debt_sold"
    HIGHER_PRICED_LOAN = "higher_priced_loan"
    NO_DEFICIENCY_CLAUSE = "no_deficiency_clause"
    LOW_INCOME_LOAN = "low_income_loan"
    BUSINESS_LOAN = "business_loan"
    REFINANCED_PURCHASE_LOAN = "refinanced_purchase_loan"


@dataclass(frozen=True)
class FactKind:
    """Where a deciding fact lives in the case (case or loan) and what its answer is."""

    scope: str  # "case" | "loan"
    kind: str  # "answer" (yes / no / not_sure) | "date"


KINDS: dict[DecidingFact, FactKind] = {
    fact: FactKind(
        "loan"
        if fact
        in {
            DecidingFact.LOAN_DATE,
            DecidingFact.DEED_OF_TRUST,
            DecidingFact.SAME_LENDER_AS_FORECLOSING,
            DecidingFact.MADE_WITH_FIRST_LOAN,
            DecidingFact.LENDER_IS_BANK,
            DecidingFact.DEBT_SOLD,
            DecidingFact.HIGHER_PRICED_LOAN,
            DecidingFact.NO_DEFICIENCY_CLAUSE,
            DecidingFact.LOW_INCOME_LOAN,
            DecidingFact.BUSINESS_LOAN,
            DecidingFact.REFINANCED_PURCHASE_LOAN,
        }
        else "case",
        "date" if fact.value.endswith("_date") else "answer",
    )
    for fact in DecidingFact
}

CASE_FACTS = tuple(f.value for f in DecidingFact if KINDS[f].scope == "case")
LOAN_FACTS = tuple(f.value for f in DecidingFact if KINDS[f].scope == "loan")
DATE_FACTS = frozenset(f.value for f in DecidingFact if KINDS[f].kind == "date")

# Events of a sale that has not happened yet cannot be found out: while the home is not lost,
# neither the questionnaire asks them nor the report sends a person to look for them.
AFTER_THE_SALE = frozenset(
    {
        DecidingFact.LENDER_BOUGHT_AT_SALE.value,
        DecidingFact.DEED_AFTER_SALE_DATE.value,
        DecidingFact.SALE_CONFIRMED_DATE.value,
        DecidingFact.FORM_1099C_RECEIVED.value,
    }
)


def can_find_out(fact: str, home_lost: bool) -> bool:
    """Whether a person could find this fact out now."""
    return home_lost or fact not in AFTER_THE_SALE
