"""Finding texts kept between requests: only those made of our own words, never a person's
amounts or dates, and each exactly as it would be written afresh."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from flask.testing import FlaskClient

from bench.pages import CASE as TEXAS_SALE
from questionnaire.api.serialize import option_words_kept
from questionnaire.law.findings import Reason
from questionnaire.words import Words

from .test_words import WORDS


def test_a_finding_of_our_own_words_is_kept_and_reads_the_same() -> None:
    words = Words(WORDS, "es", plain=True)
    reason = Reason("option-chapter-13", {})
    first = words.reason(reason)
    assert first == words._reason(reason)
    assert any(key[0] == "option-chapter-13" for key in words._kept)
    again = Words(WORDS, "es", plain=True)  # the next request
    assert again._kept is words._kept and again.reason(reason) == first
    assert Words(WORDS, "en", plain=True).reason(reason) != first  # each language its own


def test_amounts_and_dates_are_never_kept() -> None:
    words = Words(WORDS, "en", plain=True)
    day = Reason("option-deadline-ahead", {"day": dt.date(2031, 7, 19)})
    assert "July 19, 2031" in words.reason(day)
    assert not any(key[0] == "option-deadline-ahead" for key in words._kept)
    amount = Reason("plan-lender-deadline", {"amount": Decimal("123456.78")})
    words.reason(amount)
    assert not any("123,456" in text for text in words._kept.values())


def test_the_same_code_with_other_law_words_is_its_own_text() -> None:
    words = Words(WORDS, "en", plain=True)
    first = words.reason(Reason("watch-out", {}, {"en": "A first rule.", "es": "Una regla."}))
    second = words.reason(Reason("watch-out", {}, {"en": "A second rule.", "es": "Otra."}))
    assert "A first rule." in first and "A second rule." in second


def test_an_answer_leaves_no_amount_or_date_behind(client: FlaskClient) -> None:
    case = {
        **TEXAS_SALE,  # with amounts and a day no content text holds
        "sale_date": "2026-10-07", "sale_price": "211987.65", "home_value": "234567.89",
        "loans": [{"lien": "first", "purpose": "purchase", "principal": "276543.21"},
                  {"lien": "second", "purpose": "heloc", "principal": "31234.56"}],
    }  # fmt: skip
    answer = client.post("/api/v1/assessments", json=case).get_json()
    # The lender's last day to sue (two years after this sale) was written for this answer.
    assert "October 7, 2028" in str(answer)
    words = Words(client.application.extensions["shortfall.words"], "en", plain=True)
    kept = [str(value) for value in words._kept.values()]  # texts, and findings' JSON
    assert len(kept) >= 10, "the answer's own-word findings are kept"
    assert any(isinstance(value, dict) for value in words._kept.values())
    # The options' own words, and whole options that read the same for everyone.
    options = option_words_kept(words)
    assert any(isinstance(key, tuple) for key in options), "closed options are kept whole"
    kept += [str(value) for value in options.values()]
    # What the options would leave and save is this person's: never kept.
    worked_out = {
        amount
        for option in answer["options"]
        for amount in (option["remaining_exposure"], option["saves"])
        if amount not in (None, "0.00")
    }
    assert worked_out, "the case has options with amounts of its own"
    canaries = (
        *("October 7, 2028", "October 7, 2026", "211,987", "234,567", "276,543", "31,234"),
        *("2028-10-07", "2026-10-07", "211987.65", "234567.89", "276543.21", "31234.56"),
        *worked_out,
    )
    for text in kept:
        for canary in canaries:
            assert canary not in text, (canary, text)
