"""The one vocabulary: every set of values the content, the engine, the API and the report share."""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    """Can the lender collect the rest of a loan after the home is lost?"""

    BARRED = "barred"
    LIMITED = "limited"
    ALLOWED = "allowed"
    UNCLEAR = "unclear"


class Rule(StrEnum):
    """A law file's baseline rule for one way of losing a home (a verdict, or not used)."""

    ALLOWED = "allowed"
    LIMITED = "limited"
    BARRED = "barred"
    UNCLEAR = "unclear"
    NOT_USED = "not_used"


class Stage(StrEnum):
    """Where the person is: before, during or after losing the home."""

    BEHIND_ON_PAYMENTS = "behind_on_payments"
    FORECLOSURE_STARTED = "foreclosure_started"
    SALE_SCHEDULED = "sale_scheduled"
    FORECLOSURE_SALE_DONE = "foreclosure_sale_done"
    SHORT_SALE_PLANNED = "short_sale_planned"
    SHORT_SALE_DONE = "short_sale_done"
    DEED_IN_LIEU_PLANNED = "deed_in_lieu_planned"
    DEED_IN_LIEU_DONE = "deed_in_lieu_done"


class Process(StrEnum):
    """How a home is (or will be) lost."""

    JUDICIAL = "judicial"
    NONJUDICIAL = "nonjudicial"
    SHORT_SALE = "short_sale"
    DEED_IN_LIEU = "deed_in_lieu"


class ForeclosureType(StrEnum):
    """What the person says about the foreclosure: through a court or not."""

    JUDICIAL = "judicial"
    NONJUDICIAL = "nonjudicial"
    UNKNOWN = "unknown"


class Lien(StrEnum):
    """A loan's place in line on the home."""

    FIRST = "first"
    SECOND = "second"
    THIRD = "third"


class ForeclosingLien(StrEnum):
    """Whose lender is foreclosing (or did)."""

    FIRST = "first"
    SECOND = "second"
    THIRD = "third"
    NOT_SURE = "not_sure"


class Purpose(StrEnum):
    """What a loan was for."""

    PURCHASE = "purchase"
    REFINANCE = "refinance"
    CASH_OUT_REFINANCE = "cash_out_refinance"
    HELOC = "heloc"
    HOME_EQUITY = "home_equity"
    SELLER_FINANCED = "seller_financed"
    OTHER = "other"


class Owner(StrEnum):
    """Who owns or backs a loan."""

    FANNIE_MAE = "fannie_mae"
    FREDDIE_MAC = "freddie_mac"
    FHA = "fha"
    VA = "va"
    USDA = "usda"
    PRIVATE = "private"
    UNKNOWN = "unknown"


class Occupancy(StrEnum):
    """How the home was used."""

    PRIMARY_RESIDENCE = "primary_residence"
    SECOND_HOME = "second_home"
    RENTAL = "rental"
    VACANT = "vacant"


class DatePrecision(StrEnum):
    """How well a date is known: to the day, or only its month (the first day stands in)."""

    DAY = "day"
    MONTH = "month"


class Answer(StrEnum):
    """A yes / no / not sure answer."""

    YES = "yes"
    NO = "no"
    NOT_SURE = "not_sure"


class Bankruptcy(StrEnum):
    """Bankruptcy filed, and how far it went."""

    NONE = "none"
    CHAPTER7_FILED = "chapter7_filed"
    CHAPTER7_DISCHARGED = "chapter7_discharged"
    CHAPTER13_FILED = "chapter13_filed"
    CHAPTER13_DISCHARGED = "chapter13_discharged"


class CreditBasis(StrEnum):
    """What is subtracted from the debt to find the deficiency."""

    SALE_PRICE = "sale_price"
    FAIR_MARKET_VALUE = "fair_market_value"
    GREATER_OF = "greater_of"
    NONE = "none"


class Confidence(StrEnum):
    """How sure our sources make us of a part of the law."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Trigger(StrEnum):
    """The event that starts a lender's time limit."""

    SALE_DATE = "sale_date"  # the foreclosure sale, the short sale's closing, the deed in lieu
    DEED_AFTER_SALE = "deed_after_sale"  # sheriff's or referee's deed delivered, certificate issued
    CONFIRMATION_OF_SALE = "confirmation_of_sale"  # the court confirmed or ratified the sale
    END_OF_REDEMPTION = "end_of_redemption"  # the time to buy the home back ran out
    JUDGMENT = "judgment"  # the foreclosure judgment was entered
    OTHER = "other"  # when the claim arose (default, acceleration): not a date we can ask


class OptionId(StrEnum):
    """The ways out we compare."""

    KEEP_THE_HOME = "keep-the-home"
    SHORT_SALE_WITH_RELEASE = "short-sale-with-release"
    SHORT_SALE_WITHOUT_RELEASE = "short-sale-without-release"
    DEED_IN_LIEU_WITH_WAIVER = "deed-in-lieu-with-waiver"
    DEED_IN_LIEU_WITHOUT_WAIVER = "deed-in-lieu-without-waiver"
    SETTLEMENT = "settlement"
    FAIR_VALUE_CHALLENGE = "fair-value-challenge"
    CHAPTER_7 = "chapter-7"
    CHAPTER_13 = "chapter-13"
    WAIT_OUT_DEADLINE = "wait-out-deadline"


def values(vocabulary: type[StrEnum]) -> tuple[str, ...]:
    """The values of a vocabulary, in their defined order."""
    return tuple(member.value for member in vocabulary)
