"""Words for people: every law text and rendered finding is plain (US grade 8 or lower), in
every language, and free of internal ids, snake_case words, source names and research remarks."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import textstat
import yaml

from questionnaire.content import load_questionnaire
from questionnaire.law.assess import Assessment
from questionnaire.words import Words, load_words, missing_languages

from .law_helpers import ROOT, library, run, say
from .test_readability import MAX_GRADE, plain

WORDS = load_words(ROOT / "content" / "findings.yaml")
LANGUAGES = list(load_questionnaire(ROOT / "content" / "questions").languages)
SCENARIOS = ROOT / "tests" / "scenarios"

# Names of publishers and databases we read: people see titles in "Read more", never in text.
SOURCE_NAMES = (
    "nolo",
    "alllaw",
    "casetext",
    "justia",
    "lawserver",
    "midpage",
    "pocketlaw",
    "studicata",
    "jd supra",
    "cetient",
    "propertyradar",
    "leginfo",
    "legiscan",
    "findlaw",
)
# Remarks about our own research belong in maintainers' notes.
RESEARCH = re.compile(
    r"\b(we (did not|could not|didn't|couldn't) (read|find|confirm|verify)|our sources|"
    r"sources (differ|disagree|say)|the sources|see (disagreements|note|above|below)|"
    r"one guide|a secondary source|in what we read|we read)\b",
    re.IGNORECASE,
)
SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")


@cache
def law_ids() -> frozenset[str]:
    """Every internal id in the law files: protection, note and source ids."""
    ids: set[str] = set()
    for item in library().jurisdictions.values():
        ids |= {p.id for p in item.protections}
        ids |= {n.id for n in (*item.prerequisites, *item.exceptions)}
        ids |= {s.id for s in item.sources}
    ids |= {rule.id for rule in library().federal.rules}
    # Plain words that happen to be ids are fine ("fraud", "waste").
    return frozenset(i for i in ids if "-" in i)


def problems_in(text: str) -> list[str]:
    """What a text shown to people must not contain."""
    found = []
    lowered = text.lower()
    if SNAKE.search(text):
        found.append(f"snake_case word {SNAKE.search(text).group(0)!r}")  # type: ignore[union-attr]
    found += [f"source name {name!r}" for name in SOURCE_NAMES if name in lowered]
    if RESEARCH.search(text):
        found.append(f"research remark {RESEARCH.search(text).group(0)!r}")  # type: ignore[union-attr]
    found += [f"internal id {i!r}" for i in law_ids() if re.search(rf"\b{re.escape(i)}\b", text)]
    if "{" in text or "}" in text:
        found.append("an unfilled placeholder")
    if re.search(r"\s[.,;:]|\s\s", text):
        found.append("an empty parameter")
    return found


def law_texts() -> list[tuple[str, str]]:
    """Every `says` and assumption in the law files, with where it is."""
    found = []
    for code, item in sorted(library().jurisdictions.items()):
        for where, fact in item.facts():
            assert fact.says is not None, f"{code} {where} has no `says` for people"
            for language in LANGUAGES:
                found.append((f"{code}.{where}.says.{language}", fact.says[language]))
        for protection in item.protections:
            for number, text in enumerate(protection.assumptions):
                found.append((f"{code}.protections.{protection.id}.assumption{number}", text["en"]))
    for rule in library().federal.rules:
        assert rule.says is not None, f"federal {rule.id} has no `says` for people"
        found.append((f"federal.{rule.id}.says", rule.says["en"]))
        for number, text in enumerate(rule.assumptions):
            found.append((f"federal.{rule.id}.assumption{number}", text["en"]))
    for note in library().garnishment.judgment_notes:
        assert note.says is not None
        found.append((f"garnishment.{note.id}.says", note.says["en"]))
    return found


LAW_TEXTS = law_texts()


@pytest.mark.parametrize(("where", "text"), LAW_TEXTS, ids=[w for w, _ in LAW_TEXTS])
def test_every_law_text_is_plain(where: str, text: str) -> None:
    language = where.rsplit(".", 1)[-1] if where.endswith(".es") else "en"
    if language == "es":
        # Measured with a Spanish formula (see tests/test_spanish.py for all content).
        from questionnaire.readability import BARS, score

        if len(text.split()) >= 8:
            value = score(text, "es")
            assert BARS["es"].passes(value), f"{where} scores {value:.1f}: {text!r}"
    else:
        grade = textstat.flesch_kincaid_grade(plain(text))
        assert grade <= MAX_GRADE, f"{where} reads at grade {grade:.1f}: {text!r}"
    assert not problems_in(text), f"{where}: {problems_in(text)}: {text!r}"


def test_every_message_has_every_language() -> None:
    assert missing_languages(WORDS, LANGUAGES) == []


@cache
def assessments() -> list[tuple[str, Assessment]]:
    """The whole scenario table, assessed (with the options compared)."""
    found = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for scenario in data["scenarios"]:
            facts = {**scenario["facts"], "state": data["code"]}
            found.append((f"{data['code']}-{scenario['id']}", run(facts)))
    return found


def rendered(assessment: Assessment) -> list[tuple[str, str]]:
    """Every finding of an assessment as a person reads it."""
    found: list[tuple[str, Any]] = []
    for loan in assessment.loans:
        items = (*loan.reasons, *loan.deadline_reasons, *loan.conditions, *loan.assumptions)
        found += [(item.code, item) for item in items]
    found += [(item.code, item) for item in assessment.assumptions]
    found += [(option.why.code, option.why) for option in assessment.options]
    found += [(step.reason.code, step.reason) for step in assessment.plan]
    if assessment.tax is not None:
        found += [(e.reason.code, e.reason) for e in assessment.tax.exclusions]
    return [(code, say(item)) for code, item in found]


def test_every_code_the_engine_emits_has_words() -> None:
    emitted = {code for _name, a in assessments() for code, _text in rendered(a)}
    assert emitted, "the scenario table produced no findings"
    assert emitted <= set(WORDS.messages), sorted(emitted - set(WORDS.messages))


def test_every_rendered_finding_is_plain_and_clean() -> None:
    seen: dict[str, str] = {}
    for name, assessment in assessments():
        for code, text in rendered(assessment):
            seen.setdefault(text, f"{name} {code}")
    assert len(seen) > 300
    hard = []
    for text, where in seen.items():
        problems = problems_in(text)
        assert not problems, f"{where}: {problems}: {text!r}"
        grade = textstat.flesch_kincaid_grade(plain(text))
        if grade > MAX_GRADE:
            hard.append(f"{where} (grade {grade:.1f}): {text}")
    assert not hard, "\n".join(hard[:20])


def test_the_problem_finder_finds_problems() -> None:
    assert problems_in("covered under sold_out_junior")
    assert problems_in("Nolo describes the rule.")
    assert problems_in("We did not read the full text.")
    assert problems_in("See disagreements.")
    assert problems_in("The rule small-residential-trustee-sale applies.")
    assert problems_in("This is what happens if .")
    assert not problems_in("Your lender cannot collect the rest after the sale.")


def test_maintainers_notes_never_reach_people() -> None:
    notes = [
        fact.note.strip()
        for item in library().jurisdictions.values()
        for _where, fact in item.facts()
        if fact.note and len(fact.note.strip()) > 40
    ]
    shown = " ".join(text for _name, a in assessments()[:200] for _code, text in rendered(a))
    leaked = [note for note in notes if note[:40] in shown]
    assert not leaked, leaked[:3]


def test_words_of_a_finding_come_from_its_language(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "content" / "findings.yaml").read_text(encoding="utf-8"))
    data["messages"]["law-unsettled"]["xx"] = "Texto de prueba."
    path = tmp_path / "findings.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    from questionnaire.law.findings import Reason
    from questionnaire.words import Words

    words = load_words(path)
    assert Words(words, "xx").reason(Reason("law-unsettled")) == "Texto de prueba."
    assert Words(words, "en").reason(Reason("law-unsettled")).startswith("The law")
    assert "messages.law-unsettled: xx" not in missing_languages(words, ["en"])
    assert "messages.disclaimer: xx" in missing_languages(words, ["en", "xx"])


def test_every_fact_to_find_out_has_words() -> None:
    # Every fact the scenario table leaves open is named in words, not by its field name.
    named = {fact.fact for _name, a in assessments() for fact in a.unknown_facts}
    named |= {need for _name, a in assessments() for loan in a.loans for need in loan.unknown}
    assert {"lawsuit_served", "foreclosure_type"} <= named
    assert named <= set(WORDS.phrases.fact), sorted(named - set(WORDS.phrases.fact))


def test_every_report_line_and_plan_step_is_plain() -> None:
    # The report's own lines (per-loan verdicts, amounts, dates, help) as rendered.
    from questionnaire.law.case import read_case
    from questionnaire.report import build_report

    from .law_helpers import TODAY

    words = Words(WORDS, "en")
    facts_by_name = {}
    for path in sorted(SCENARIOS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for scenario in data["scenarios"]:
            name = f"{data['code']}-{scenario['id']}"
            facts_by_name[name] = {**scenario["facts"], "state": data["code"]}
    hard = []
    for name, assessment in assessments():
        report = build_report(read_case(facts_by_name[name], TODAY), assessment, words)
        texts = [item.line for item in report.loans] + [item.next for item in report.loans]
        texts += [item.text for item in report.plan] + [item.paper for item in report.plan]
        for text in filter(None, texts):
            grade = textstat.flesch_kincaid_grade(plain(text))
            if grade > MAX_GRADE:
                hard.append(f"{name} (grade {grade:.1f}): {text}")
    assert not hard, "\n".join(hard[:20])
