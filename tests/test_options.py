"""The options side by side, computed for the person; each figure checked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .law_helpers import run, say

D = Decimal


def options_of(facts):
    return {option.id: option for option in run(facts).options}


SOLD_MA = {
    "state": "MA",
    "stage": "foreclosure_sale_done",
    "foreclosure_type": "nonjudicial",
    "occupancy": "rental",
    "units": 1,
    "acres": "0.2",
    "sale_date": "2026-06-01",
    "sale_price": "250000",
    "lawsuit_served": "yes",
    "bankruptcy": "none",
    "loans": [{"lien": "first", "purpose": "refinance", "principal": "300000"}],
}


def test_every_option_is_listed_with_its_words() -> None:
    found = options_of(SOLD_MA)
    assert len(found) == 10
    for option in found.values():
        assert option.text.title["en"] and option.text.ask_for["en"] and option.why
        assert option.available in ("yes", "no", "maybe")


def test_after_a_foreclosure_sale() -> None:
    found = options_of(SOLD_MA)
    # $300,000 owed - $250,000 sale price = $50,000 the lender may pursue (M.G.L. c. 244 § 17A).
    assert found["settlement"].available == "yes"
    assert found["settlement"].remaining_exposure == D("50000.00")
    for closed in ("keep-the-home", "short-sale-with-release", "deed-in-lieu-with-waiver"):
        assert found[closed].available == "no"
    # A Chapter 7 discharge ends personal liability (11 U.S.C. § 727(b)): saves all $50,000.
    assert found["chapter-7"].remaining_exposure == D("0.00")
    assert found["chapter-7"].saves == D("50000.00")
    assert found["fair-value-challenge"].available == "no"  # MA credits the sale price only


def test_before_a_sale_a_short_sale_is_compared() -> None:
    facts = {
        "state": "TX",
        "stage": "sale_scheduled",
        "foreclosure_type": "nonjudicial",
        "occupancy": "primary_residence",
        "units": 1,
        "acres": "0.2",
        "home_value": "220000",
        "sale_date": "2027-02-01",
        "bankruptcy": "none",
        "loans": [{"lien": "first", "purpose": "purchase", "principal": "250000"}],
    }
    found = options_of(facts)
    assert found["keep-the-home"].available == "maybe"
    assert found["short-sale-with-release"].remaining_exposure == D("0.00")
    # A short sale at the home's $220,000 value without a release leaves $30,000.
    assert found["short-sale-without-release"].remaining_exposure == D("30000.00")
    assert found["deed-in-lieu-with-waiver"].available == "maybe"


def test_fair_value_challenge_shows_what_it_saves() -> None:
    # Tex. Prop. Code § 51.003: $275,000 owed, $200,000 sale, $225,000 value. With the
    # credit the lender may pursue $50,000; without it, $75,000: the challenge saves $25,000.
    facts = {
        "state": "TX",
        "stage": "foreclosure_sale_done",
        "foreclosure_type": "nonjudicial",
        "occupancy": "rental",
        "units": 1,
        "sale_date": "2026-10-01",
        "sale_price": "200000",
        "home_value": "225000",
        "lawsuit_served": "no",
        "bankruptcy": "none",
        "loans": [{"lien": "first", "purpose": "purchase", "principal": "275000"}],
    }
    challenge = options_of(facts)["fair-value-challenge"]
    assert challenge.available == "yes"
    assert (challenge.remaining_exposure, challenge.saves) == (D("50000.00"), D("25000.00"))


def test_waiting_out_a_lapsed_deadline() -> None:
    # Tex. Prop. Code § 51.003(a): two years after a trustee sale. A sale on 2024-01-10 ran
    # out on 2026-01-10; the person was not served.
    facts = {
        "state": "TX",
        "stage": "foreclosure_sale_done",
        "foreclosure_type": "nonjudicial",
        "occupancy": "rental",
        "units": 1,
        "sale_date": "2024-01-10",
        "sale_price": "200000",
        "lawsuit_served": "no",
        "bankruptcy": "none",
        "loans": [{"lien": "first", "purpose": "purchase", "principal": "275000"}],
    }
    result = run(facts)
    assert result.collectability == "barred"
    wait = {o.id: o for o in result.options}["wait-out-deadline"]
    assert wait.available == "yes" and wait.why.params["day"] == dt.date(2026, 1, 10)
    assert "January 10, 2026" in say(wait.why)


def test_deed_in_lieu_without_a_waiver_and_chapter_13() -> None:
    # Massachusetts: a deed in lieu credits the home's $240,000 value against $300,000 owed,
    # leaving $60,000 the lender could still pursue without a waiver (c. 244 § 17A).
    facts = {
        "state": "MA",
        "stage": "foreclosure_started",
        "foreclosure_type": "nonjudicial",
        "occupancy": "primary_residence",
        "units": 1,
        "acres": "0.2",
        "home_value": "240000",
        "bankruptcy": "none",
        "lawsuit_served": "no",
        "loans": [
            {"lien": "first", "purpose": "refinance", "owner": "private", "principal": "300000"}
        ],
    }
    found = options_of(facts)
    assert found["deed-in-lieu-with-waiver"].remaining_exposure == D("0.00")
    without = found["deed-in-lieu-without-waiver"]
    assert without.available == "maybe"
    assert without.remaining_exposure == D("60000.00")  # at most: MA law on this is unclear
    chapter_13 = found["chapter-13"]
    assert chapter_13.available == "maybe" and chapter_13.remaining_exposure is None


def test_california_bars_a_deficiency_after_an_approved_short_sale() -> None:
    # Cal. Civ. Proc. Code § 580e: a short sale the lender approved in writing ends the rest of
    # the debt, so even "without a release" leaves nothing owed.
    facts = {
        "state": "CA",
        "stage": "sale_scheduled",
        "foreclosure_type": "nonjudicial",
        "occupancy": "rental",
        "units": 1,
        "acres": "0.2",
        "home_value": "400000",
        "bankruptcy": "none",
        "sale_date": "2027-03-01",
        "loans": [
            {
                "lien": "first",
                "purpose": "cash_out_refinance",
                "owner": "private",
                "principal": "450000",
            }
        ],
    }
    found = options_of(facts)
    assert found["short-sale-without-release"].remaining_exposure == D("0.00")


def test_range_when_the_fair_value_is_unknown() -> None:
    # Texas credits the fair value (Tex. Prop. Code § 51.003); without a value the lender may
    # pursue between $0 and the $75,000 gap.
    facts = {
        "state": "TX",
        "stage": "foreclosure_sale_done",
        "foreclosure_type": "nonjudicial",
        "occupancy": "rental",
        "units": 1,
        "sale_date": "2026-10-01",
        "sale_price": "200000",
        "lawsuit_served": "no",
        "bankruptcy": "none",
        "loans": [{"lien": "first", "purpose": "purchase", "principal": "275000"}],
    }
    result = run(facts)
    assert (result.exposure_low, result.exposure_total, result.exposure_high) == (
        D("0.00"),
        D("75000.00"),
        D("75000.00"),
    )
    assert any("interest and fees" in say(a) for a in result.assumptions)
