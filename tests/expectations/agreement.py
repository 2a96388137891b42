"""How often the engine agrees with expectations written from the statutes alone.

Run: python -m tests.expectations.agreement [--list]   (prints the agreement figure)
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import yaml

from questionnaire.law.assess import assess
from questionnaire.law.case import CASE_FIELDS, LOAN_FIELDS, CaseErrors, read_case
from questionnaire.law.library import load_library

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def expectations() -> list[dict[str, Any]]:
    """The independent expectations."""
    return list(yaml.safe_load((HERE / "independent.yaml").read_text(encoding="utf-8")))


def _known_fields(facts: dict[str, Any]) -> dict[str, Any]:
    """Only the fields this engine accepts (an older engine did not know the deciding facts)."""
    kept = {k: v for k, v in facts.items() if k in CASE_FIELDS}
    kept["loans"] = [
        {k: v for k, v in loan.items() if k in LOAN_FIELDS} for loan in facts.get("loans", [])
    ]
    return kept


def _run(facts: dict[str, Any], library: Any) -> Any:
    today = dt.date.fromisoformat(str(facts.get("today", "2026-12-04")))
    return assess(read_case(facts, today), library)


def check(item: dict[str, Any], library: Any) -> list[str]:
    """The parts of one expectation the engine disagrees with (empty: agreement).

    The expectations state each rule apart from the time bar, so verdicts are compared on a
    run where the lender's time limit cannot bar (papers served: yes); the last day is compared
    on the run as given."""
    facts = _known_fields({**item["facts"], "state": item["state"]})
    try:
        result = _run(facts, library)
        rule_view = _run({**facts, "lawsuit_served": "yes"}, library)
    except CaseErrors as errors:
        return [f"rejected: {errors.errors}"]
    problems = []
    expect = item["expect"]
    verdicts = [str(loan.collectability) for loan in rule_view.loans]
    if verdicts != list(expect["loans"]):
        problems.append(f"verdicts {verdicts} != {expect['loans']}")
    wanted_day = expect.get("deadline_last_day")
    if wanted_day is not None:
        days = [_day(loan) for loan in result.loans]
        deadline = result.deadline
        got = deadline.last_day.isoformat() if deadline and deadline.last_day else None
        if str(wanted_day) not in {got, *days}:
            problems.append(f"deadline {got or days} != {wanted_day}")
    fact = expect.get("unclear_fact")
    if fact:
        named = {f.fact for f in getattr(rule_view, "unknown_facts", ())}
        if fact not in named:
            problems.append(f"unclear fact {fact} not named (named: {sorted(named)})")
    return problems


def _day(loan: Any) -> str | None:
    """A loan's own last day (older engines had only the case's)."""
    deadline = getattr(loan, "deadline", None)
    return deadline.last_day.isoformat() if deadline and deadline.last_day else None


def main() -> None:
    """Print the agreement figure (and, with --list, each disagreement)."""
    library = load_library(ROOT / "content" / "jurisdictions", ROOT / "content" / "federal.yaml")
    items = expectations()
    disagreements = [(item["id"], check(item, library)) for item in items]
    failed = [(i, p) for i, p in disagreements if p]
    agreed = len(items) - len(failed)
    print(f"{agreed}/{len(items)} agree ({100 * agreed / len(items):.1f}%)")
    if "--list" in sys.argv:
        for identifier, problems in failed:
            print(f"- {identifier}: {'; '.join(problems)}")


if __name__ == "__main__":
    main()
