"""The scenario table: every jurisdiction, each expected verdict traceable to a citation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from questionnaire.states import STATE_NAMES

from .law_helpers import run

FOLDER = Path(__file__).resolve().parent / "scenarios"


def _scenarios() -> list[Any]:
    found = []
    for path in sorted(FOLDER.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for scenario in data["scenarios"]:
            found.append(
                pytest.param(data["code"], scenario, id=f"{data['code']}-{scenario['id']}")
            )
    return found


SCENARIOS = _scenarios()
# Findings that say the law itself leaves it open (no fact the person could find settles it).
LAW_OPEN = {
    "law-unsettled",
    "process-not-used",
    "senior-loan-left",
    "sold-out-junior-no-rule",
    "baseline-unclear",
    "baseline-unclear-if",
    "sold-out-junior-unclear",
    "sold-out-junior-unclear-if",
}


# Flags that tell the person what to check when no single fact settles it.
OPEN_FLAGS = ("court_decides", "unsettled", "each_lender", "needs_approval")


def law_open(loan: Any) -> bool:
    """The loan's answer is open because of the law, or a court's discretion."""
    return any(
        r.code in LAW_OPEN or any(r.params.get(flag) for flag in OPEN_FLAGS)
        for r in (*loan.reasons, *loan.deadline_reasons)
    )


def settles(loan: Any) -> bool:
    """An unclear loan names a fact to find out, or says the law leaves it open."""
    return bool(loan.unknown) or law_open(loan)


def _citations(assessment: Any) -> list[str]:
    cited = [c for loan in assessment.loans for r in loan.reasons for c in r.citations]
    for loan in assessment.loans:
        cited += [c for r in loan.deadline_reasons for c in r.citations]
        if loan.deadline is not None:
            cited += list(loan.deadline.rule.citations)
    return cited


@pytest.mark.parametrize(("code", "scenario"), SCENARIOS)
def test_scenario(code: str, scenario: dict[str, Any]) -> None:
    assessment = run({**scenario["facts"], "state": code})
    expect = scenario["expect"]
    assert assessment.collectability == expect["collectability"]
    if "loans" in expect:
        assert [loan.collectability for loan in assessment.loans] == expect["loans"]
    if "deadline_passed" in expect:
        # Each loan has its own deadline; the expectation is about the foreclosed loan's.
        deadlines = [loan.deadline for loan in assessment.loans if loan.deadline is not None]
        assert deadlines, "no loan has a deadline"
        assert deadlines[0].passed is expect["deadline_passed"]
    for loan in assessment.loans:
        if loan.collectability == "unclear":
            # Every "unclear" names what would settle it: a fact to find out, or the law itself.
            assert settles(loan), f"{loan.lien}: unclear without naming what settles it"
    if "unclear_fact" in expect:
        named = {fact.fact for fact in assessment.unknown_facts}
        wanted = expect["unclear_fact"]
        assert wanted in named or (wanted == "law" and any(map(law_open, assessment.loans)))
    because = scenario["because"]
    assert any(because in citation for citation in _citations(assessment)), (
        f"no citation containing {because!r} in {sorted(set(_citations(assessment)))}"
    )


def test_table_covers_every_jurisdiction_with_600_scenarios() -> None:
    codes = {param.values[0] for param in SCENARIOS}
    assert codes == set(STATE_NAMES)
    assert len(SCENARIOS) >= 600
    kinds = {param.values[1]["facts"]["stage"] for param in SCENARIOS}
    assert {"foreclosure_sale_done", "short_sale_done", "deed_in_lieu_done"} <= kinds
    assert any("deadline_passed" in p.values[1]["expect"] for p in SCENARIOS)
