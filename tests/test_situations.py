"""Nine situations walked as a person would, through the pages, to a report they can act on."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
import textstat
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from bench.situations import SITUATIONS, walk
from questionnaire.glossary import load_glossary

from .law_helpers import ROOT
from .test_glossary import reference
from .test_readability import MAX_GRADE, plain

GLOSSARY = load_glossary(ROOT / "content" / "glossary.yaml")


def _walk(client: FlaskClient, answers: dict[str, Any]) -> tuple[list[str], list[int]]:
    totals: list[int] = []

    def get(url: str) -> Any:
        response = client.get(url)
        found = re.search(r"Page \d+ of about (\d+)\.", response.text)
        if found:
            totals.append(int(found.group(1)))
        return response

    return walk(get, lambda url, data: client.post(url, data=data), answers), totals


@pytest.mark.parametrize("name", list(SITUATIONS))
def test_situation_reaches_a_report_to_act_on(client: FlaskClient, name: str) -> None:
    pages, totals = _walk(client, SITUATIONS[name])
    assert len(pages) <= 30, f"{len(pages)} pages"
    # What is happening is asked before the loans.
    assert pages.index("stage") < pages.index("loan-count")
    # "Page 5 of about 20" is within a few pages of the truth.
    assert all(abs(total - len(pages)) <= 4 for total in totals), (totals, len(pages))
    page = client.get("/report").text
    top = page.split('id="plan-heading"')[0]
    loans = int(SITUATIONS[name]["loan-count"])
    lines = re.findall(r'<li class="summary-list__loan[^"]*">(.*?)</li>', top, re.S)
    assert len(lines) == loans
    plan = page.split('id="plan-heading"')[1].split("</ol>")[0]
    steps = re.findall(r'<li class="plan__step', plan)
    assert steps, "no action plan"
    # A date on the top screen is a date of the plan below it.
    plain_plan = html.unescape(re.sub(r"<[^>]+>", " ", plan))
    for day in re.findall(r"[A-Z][a-z]+ \d{1,2}, \d{4}", html.unescape(" ".join(lines))):
        assert day in plain_plan, day
    # The glossary explains only words the report uses.
    body, glossary = page.split("Words used in this report")
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    shown = re.findall(r"<dt>(.*?)</dt>", glossary.split("</dl>")[0])
    for term in GLOSSARY:
        name = term.name("en")
        if html.escape(name) in shown or name in shown:
            assert reference(text, [term], "en"), f"{name} is explained but not used"
    assert "not legal advice" in page


@pytest.mark.parametrize("name", list(SITUATIONS))
def test_every_text_on_the_report_reads_at_grade_eight(client: FlaskClient, name: str) -> None:
    _walk(client, SITUATIONS[name])
    soup = BeautifulSoup(client.get("/report").text, "html.parser")
    main = soup.find("main")
    assert main is not None
    # Citations, source titles and addresses are for lawyers, and the names of help services
    # are names: they are not measured (the words about each service are).
    for skipped in main.select(".citation, .sources, .citations, .url, .help-name, form"):
        skipped.decompose()
    hard = []
    for block in main.find_all(["p", "li", "summary", "dd", "h2", "h3"]):
        if block.find(["p", "li", "ul", "ol", "dl"]):
            continue  # measured at its own blocks
        text = " ".join(block.get_text(" ").split())
        if len(text.split()) < 4:
            continue
        grade = textstat.flesch_kincaid_grade(plain(text))
        if grade > MAX_GRADE:
            hard.append(f"{grade:.1f}: {text}")
    assert not hard, "\n".join(hard)
