"""Nine situations walked as a person would, through the pages, to a report they can act on."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from flask.testing import FlaskClient

from bench.situations import SITUATIONS, walk
from questionnaire.glossary import load_glossary

from .law_helpers import ROOT

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
        if html.escape(term.term) in shown or term.term in shown:
            assert term.pattern.search(text), f"{term.term} is explained but not used"
    assert "not legal advice" in page
