"""No headline the fine print contradicts: over the whole scenario table and the independent
expectations, the case's deadline belongs to a loan that still carries exposure, and every
summary line agrees with the per-loan findings it sums up."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from questionnaire.law.assess import ORDER, Assessment
from questionnaire.law.case import read_case
from questionnaire.law.deciding import AFTER_THE_SALE
from questionnaire.report import build_report
from questionnaire.words import Words, load_words

from .law_helpers import TODAY, library, run

ROOT = Path(__file__).resolve().parent.parent
WORDS = Words(load_words(ROOT / "content" / "findings.yaml"), "en")
BARS = (
    "baseline-barred",
    "sold-out-junior-barred",
    "protection-barred",
    "federal-barred",
    "deadline-passed-not-served",
    "deadline-judgment-void",
)


@cache
def cases() -> list[tuple[str, dict[str, Any]]]:
    """Every scenario's facts, and every independent expectation's."""
    found = []
    for path in sorted((ROOT / "tests" / "scenarios").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for scenario in data["scenarios"]:
            found.append(
                (f"{data['code']}-{scenario['id']}", {**scenario["facts"], "state": data["code"]})
            )
    independent = ROOT / "tests" / "expectations" / "independent.yaml"
    for item in yaml.safe_load(independent.read_text(encoding="utf-8")):
        found.append((item["id"], {**item["facts"], "state": item["state"]}))
    return found


CASES = cases()


def _bars(code: str) -> bool:
    return code.removesuffix("-if") in BARS


def check(assessment: Assessment) -> None:
    """Assert every invariant between the headline and the findings."""
    loans = assessment.loans
    # The case verdict is the least favourable loan verdict.
    assert assessment.collectability == max((loan.collectability for loan in loans), key=ORDER.get)
    # The case deadline is a deadline of a loan that still carries exposure, and the earliest.
    if assessment.deadline is not None:
        owners = [
            loan for loan in loans if loan.deadline == assessment.deadline and loan.carries_exposure
        ]
        assert owners, "the case deadline belongs to no loan with money at stake"
        assert assessment.deadline_lien in {loan.lien for loan in owners}
        dated = [
            loan.deadline.last_day
            for loan in loans
            if loan.carries_exposure and loan.deadline and loan.deadline.last_day
        ]
        if dated:
            assert assessment.deadline.last_day == min(dated)
    else:
        assert not any(loan.carries_exposure and loan.deadline for loan in loans)
    for loan in loans:
        codes = [r.code for r in loan.reasons] + [r.code for r in loan.deadline_reasons]
        if loan.collectability == "barred":
            assert any(_bars(c) for c in codes), f"{loan.lien} barred with no reason that bars"
            assert loan.exposure == 0
        elif loan.collectability in ("allowed", "limited"):
            # (An unclear loan may show a rule that bars it in one of the possibilities.)
            assert not any(_bars(c) for c in codes), f"{loan.lien} {loan.collectability}: {codes}"
        if assessment.conditional:
            assert all(not c.startswith("baseline-") or c.endswith("-if") for c in codes), codes
    if assessment.collectability == "barred":
        assert assessment.exposure_total == 0


def check_report(facts: dict[str, Any], assessment: Assessment) -> None:
    """Each loan's top line says what that loan's findings say, with its own numbers."""
    report = build_report(read_case(facts, TODAY), assessment, WORDS)
    assert len(report.loans) == len(assessment.loans)
    for item, loan in zip(report.loans, assessment.loans, strict=True):
        conditional = "-if" if assessment.conditional else ""
        verdict = WORDS.message(
            f"report-verdict-{loan.collectability}{conditional}", {"plan": facts["stage"]}
        )
        assert item.line.startswith(verdict), (item.line, verdict)
        if loan.collectability == "barred":
            assert "$" not in item.line, item.line
        elif loan.exposure is not None:
            assert WORDS.money(loan.exposure) in item.line
        # A date in the line or its next step is a date of this case's plan.
        days = {WORDS.date(step.day) for step in assessment.plan if step.day is not None}
        days |= {
            WORDS.date(value)
            for step in assessment.plan
            for value in step.reason.params.values()
            if isinstance(value, dt.date)
        }
        for day in re.findall(r"[A-Z][a-z]+ \d{1,2}, \d{4}", item.next):
            assert day in days, (day, item.next)
    # The plan's dated steps come in date order, after the ones that cannot wait.
    dated = [step.day for step in assessment.plan if step.day is not None and not step.urgent]
    assert dated == sorted(dated)
    urgent = [step.urgent for step in assessment.plan]
    assert urgent == sorted(urgent, reverse=True)
    # No step tells a person to find out what cannot be known before the sale.
    if assessment.conditional:
        for step in assessment.plan:
            assert step.reason.params.get("fact") not in AFTER_THE_SALE


@pytest.mark.parametrize(("name", "facts"), CASES, ids=[n for n, _ in CASES])
def test_headline_agrees_with_the_findings(name: str, facts: dict[str, Any]) -> None:
    assessment = run(facts)
    check(assessment)
    check_report(facts, assessment)


def test_enough_cases_and_several_loans() -> None:
    assert len(CASES) >= 500
    assert sum(len(facts["loans"]) > 1 for _n, facts in CASES) >= 80


def test_california_heloc_deadline_is_not_the_first_loans() -> None:
    # The first loan is barred by § 580d; § 580a's 3 months binds only its lender. The HELOC
    # lender, whose loan the sale wiped out, is the one with money at stake.
    facts = {
        "state": "CA",
        "stage": "foreclosure_sale_done",
        "foreclosure_type": "nonjudicial",
        "occupancy": "primary_residence",
        "units": 1,
        "sale_date": "2026-10-14",
        "sale_price": "400000",
        "loans": [
            {"lien": "first", "purpose": "purchase", "principal": "420000"},
            {"lien": "second", "purpose": "heloc", "principal": "50000"},
        ],
    }
    result = run(facts)
    first, second = result.loans
    assert first.collectability == "barred" and first.deadline is not None
    assert (
        first.deadline.last_day is not None and first.deadline.last_day.isoformat() == "2027-01-14"
    )
    assert second.carries_exposure
    assert result.deadline is None or result.deadline_lien == "second"
    report = build_report(read_case(facts, TODAY), result, WORDS)
    top = " ".join(item.line + " " + item.next for item in report.loans)
    assert "January 14, 2027" not in top
    assert all("January 14, 2027" not in item.text for item in report.plan)


def test_library_is_loaded() -> None:
    assert len(library().jurisdictions) == 51
