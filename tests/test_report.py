"""The report page: the answers turned into a verdict, numbers, dates, options and help."""

from __future__ import annotations

import html
import re
from pathlib import Path

import icalendar
import yaml
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


GLOSSARY_FORMS = {
    g["term"]["en"]: tuple(f.lower() for f in g.get("also", {}).get("en", ()))
    for g in yaml.safe_load(
        (Path(__file__).resolve().parent.parent / "content" / "glossary.yaml").read_text()
    )["terms"]
}


def complete(walker: Walker) -> str:
    walker.start()
    walker.answer_all(TEXAS)
    assert walker.url == "/check-answers"
    assert 'href="/report"' in walker.page("/check-answers").text
    return walker.page("/report").text


def test_report_shows_verdict_numbers_dates_and_citations(walker: Walker) -> None:
    page = complete(walker)
    top = page.split('id="plan-heading"')[0]
    # The top box: one line per loan. The first loan: allowed, but capped at the debt less the
    # fair value (limited). $275,000 + $2,000 + $3,000 = $280,000 owed; the court credits the
    # $225,000 fair value (Tex. Prop. Code § 51.003): $55,000. The sold-out HELOC is a Texas
    # home-equity loan with no personal liability (Tex. Const. art. XVI, § 50(a)(6)(C)).
    assert (
        "Your first loan:</strong> The lender can ask for more, but the law limits how much." in top
    )
    assert "About $55,000, and it could be from $55,000 to $80,000." in top
    assert "Your second loan:</strong> The lender cannot make you pay more." in top
    # Sued: the first thing to do is to answer, now, within Texas's 20 days.
    assert "Now: Answer the court papers within 20 days" in top
    for shown in (
        "$280,000",
        "October 1, 2028",
        "Tex. Prop. Code § 51.003",
        "50(a)(6)(C)",
        "Tex. R. Civ. P. 99(b)",
    ):
        assert shown in page, shown
    assert "800-569-4287" in page and "texaslawhelp.org" in page
    assert "Words used in this report" in page and "not legal advice" in page
    assert "What we assumed" in page
    # The numbers are text with bars, not a picture with tiny labels; no inline styles.
    assert "<svg" not in page and 'style="' not in page.split("<body")[1]
    assert "What the lender can ask for: <strong>$55,000</strong>" in page
    # Biweekly: 25% of $1,500 = $375 < $1,500 - $435; Texas forbids wage garnishment here.
    assert "it can take at most $0 from each paycheck" in page


def test_report_plan_is_numbered_dated_and_in_order(walker: Walker) -> None:
    page = complete(walker)
    plan = page.split('id="plan-heading"')[1].split("</ol>")[0]
    steps = re.findall(r'<li class="plan__step[^"]*">(.*?)</li>', plan, re.S)
    texts = [re.sub(r"<[^>]+>", "", step).split("The law behind this")[0] for step in steps]
    assert texts[0].strip().startswith("Now: Answer the court papers within 20 days")
    # The lender of the first loan may sue until 2 years after the sale: a dated step.
    assert any("By October 1, 2028:" in t and "your first loan" in t for t in texts)
    assert texts[-1].strip().startswith("Keep every letter and paper")


def test_report_options_show_only_the_open_ones_with_the_closed_folded(walker: Walker) -> None:
    page = complete(walker)
    options = page.split("Your options</h2>")[1].split("</h2>")[0]
    assert "Options that are not open to you" in options
    opened = options.split("Options that are not open to you")[0]
    assert "· No" not in opened
    assert "Chapter 7 bankruptcy" in options


def test_glossary_lists_only_words_the_report_uses(walker: Walker) -> None:
    page = complete(walker)
    body, glossary = page.split("Words used in this report")
    terms = re.findall(r"<dt>(.*?)</dt>", glossary.split("</dl>")[0])
    assert terms, "no glossary"
    text = re.sub(r"<[^>]+>", " ", html.unescape(body)).lower()
    for term in terms:
        assert term.lower() in text or any(form in text for form in GLOSSARY_FORMS.get(term, ())), (
            f"{term} is in the glossary but not in the report"
        )
    assert "vacation" not in terms and "insurance" not in terms
    assert "summons" in terms and "judgment" in terms


def test_calendar_file_parses_and_holds_the_dated_steps(walker: Walker) -> None:
    complete(walker)
    response = walker.client.get("/report.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    assert "shortfall-dates-TX-" in response.headers["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.data)
    events = [c for c in calendar.walk("VEVENT")]
    days = {str(event.decoded("dtstart")) for event in events}
    assert "2028-10-01" in days
    for event in events:
        assert event.get("uid") and event.get("summary")


def test_report_links_back_to_answers_and_has_the_exit(walker: Walker) -> None:
    page = complete(walker)
    assert 'href="/check-answers"' in page and "Back to your answers" in page
    assert "data-exit-this-page" in page and "Leave this site quickly" in page


def test_report_waits_for_every_answer(walker: Walker, client: FlaskClient) -> None:
    assert client.get("/report").headers["Location"] == "/"
    walker.start()
    walker.answer_all(TEXAS[:3])
    assert walker.client.get("/report").headers["Location"] == "/questions/stage"
