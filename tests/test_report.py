"""The report page: the answers turned into a verdict, numbers, dates, options and help."""

from __future__ import annotations

from flask.testing import FlaskClient

from .conftest import Walker, date_parts

TEXAS = [
    ("state", "TX"),
    ("occupancy", "primary_residence"),
    ("units", "1"),
    ("acres", "0.2"),
    ("loan-count", "2"),
    ("loan-purpose/1", "purchase"),
    ("loan-owner/1", "private"),
    ("loan-principal/1", "275000"),
    ("loan-interest/1", "2000"),
    ("loan-fees/1", "3000"),
    ("loan-other/1", ""),
    ("loan-purpose/2", "heloc"),
    ("loan-owner/2", "private"),
    ("loan-principal/2", "30000"),
    ("loan-interest/2", ""),
    ("loan-fees/2", ""),
    ("loan-other/2", ""),
    ("stage", "foreclosure_sale_done"),
    ("foreclosure-type", "nonjudicial"),
    ("foreclosing-loan", "first"),
    ("sale-date", date_parts("2026-10-01")),
    ("sale-price", "200000"),
    ("home-value", "225000"),
    ("written-release", "no"),
    ("bankruptcy", "none"),
    ("lawsuit-served", "yes"),
    # A Texas home-equity loan must say the lender can look only to the home; we ask.
    ("no-deficiency-clause/2", "yes"),
    ("want-pay-estimate", "yes"),
    ("pay-period", "biweekly"),
    ("pay-after-taxes", "1500"),
    ("want-tax-check", "no"),
]


def complete(walker: Walker) -> str:
    walker.start()
    walker.answer_all(TEXAS)
    assert walker.url == "/check-answers"
    assert 'href="/report"' in walker.page("/check-answers").text
    return walker.page("/report").text


def test_report_shows_verdict_numbers_dates_and_citations(walker: Walker) -> None:
    page = complete(walker)
    # Allowed, but capped at the debt less the fair value: limited.
    assert "The lender can ask for more money, but the law limits how much." in page
    # $275,000 + $2,000 + $3,000 = $280,000 owed; the court credits the $225,000 fair value
    # (Tex. Prop. Code § 51.003): $55,000. The sold-out HELOC is a Texas home-equity loan
    # with no personal liability (Tex. Const. art. XVI, § 50(a)(6)(C)).
    for shown in (
        "$280,000.00",
        "$55,000.00",
        "$80,000.00",
        "October 1, 2028",
        "Tex. Prop. Code § 51.003",
        "50(a)(6)(C)",
    ):
        assert shown in page, shown
    assert "You have been sued" in page
    assert "Chapter 7 bankruptcy" in page and "waives any right to a deficiency" in page
    assert "800-569-4287" in page and "LawHelp.org" in page
    assert "Words to know" in page and "not legal advice" in page
    assert "Assumptions we made" in page
    assert "<svg" in page and 'role="img"' in page
    # Biweekly: 25% of $1,500 = $375 < $1,500 - $435; Texas forbids wage garnishment here.
    assert "At most $0.00 from each paycheck" in page


def test_report_waits_for_every_answer(walker: Walker, client: FlaskClient) -> None:
    assert client.get("/report").headers["Location"] == "/"
    walker.start()
    walker.answer_all(TEXAS[:3])
    assert walker.client.get("/report").headers["Location"] == "/questions/acres"
