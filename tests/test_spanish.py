"""Spanish as people read it: every content text and every rendered finding, report line and
plan step of the scenario table is plain Spanish (Szigriszt-Pazos), with no English left in."""

from __future__ import annotations

import statistics
from functools import cache
from typing import Any

import pytest
import yaml

from questionnaire.law.case import read_case
from questionnaire.readability import BARS, plain, score
from questionnaire.report import build_report
from questionnaire.terms import plain_terms, without_terms
from questionnaire.translation import text_spots
from questionnaire.words import Words, load_words

from .language_check import foreign_sentences
from .law_helpers import ROOT, TODAY
from .test_words import SCENARIOS, assessments

MIN_WORDS = 8  # the formula needs a sentence or two; shorter texts are measured together
WORDS = load_words(ROOT / "content" / "findings.yaml")


def content_texts(language: str) -> list[tuple[str, str]]:
    """Every content text in one language, with its file and path."""
    return [
        (f"{file.stem}: {spot.path}", spot.texts[language])
        for file in sorted((ROOT / "content").rglob("*.yaml"))
        for spot in text_spots(file.read_text(encoding="utf-8"))
        if spot.english.strip() and spot.texts.get(language)
    ]


SPANISH_TEXTS = content_texts("es")


def test_every_content_text_has_spanish() -> None:
    english = content_texts("en")
    assert len(SPANISH_TEXTS) == len(english) > 1500


def test_every_spanish_content_text_reads_easily() -> None:
    bar = BARS["es"]
    hard = []
    scores = []
    for where, text in SPANISH_TEXTS:
        if len(plain(text).split()) < MIN_WORDS:
            continue
        value = score(text, "es")
        scores.append(value)
        if not bar.passes(value):
            hard.append(f"{where} ({value:.1f}): {text}")
    assert not hard, "\n".join(hard[:20])
    assert statistics.median(scores) >= 70
    # Short texts (labels, options) are measured together.
    short = " ".join(
        t.rstrip(".?") + "." for _w, t in SPANISH_TEXTS if len(plain(t).split()) < MIN_WORDS
    )
    assert bar.passes(score(short, "es"))


def test_no_english_sentence_in_spanish_content() -> None:
    left = [
        f"{where}: {sentence}"
        for where, text in SPANISH_TEXTS
        for sentence in foreign_sentences(without_terms(text), "es")
    ]
    assert not left, "\n".join(left[:20])


def test_the_measure_can_fail() -> None:
    hard = (
        "No obstante las estipulaciones contractuales anteriormente mencionadas, las obligaciones "
        "de indemnización subsistirán tras la terminación del contrato hipotecario correspondiente."
    )
    assert not BARS["es"].passes(score(hard, "es"))
    assert foreign_sentences("Your lender cannot collect the rest after the sale.", "es")
    assert not foreign_sentences("Su prestamista no puede cobrarle el resto.", "es")


@cache
def _facts_by_name() -> dict[str, dict[str, Any]]:
    found = {}
    for path in sorted(SCENARIOS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for scenario in data["scenarios"]:
            found[f"{data['code']}-{scenario['id']}"] = {**scenario["facts"], "state": data["code"]}
    return found


def shown_texts(name: str, assessment: Any, words: Words) -> list[str]:
    """Everything a person reads of one assessment: findings, report lines, plan, help."""
    reasons: list[Any] = []
    for loan in assessment.loans:
        reasons += [*loan.reasons, *loan.deadline_reasons, *loan.conditions, *loan.assumptions]
    reasons += [*assessment.assumptions, *(o.why for o in assessment.options)]
    reasons += [step.reason for step in assessment.plan]
    if assessment.tax is not None:
        reasons += [e.reason for e in assessment.tax.exclusions]
    texts = [words.reason(reason) for reason in reasons]
    report = build_report(read_case(_facts_by_name()[name], TODAY), assessment, words)
    texts += [item.line for item in report.loans] + [item.next for item in report.loans]
    texts += [item.text for item in report.plan] + [item.paper for item in report.plan]
    texts += [item.detail for item in report.help if item.detail]
    return [text for text in texts if text]


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_scenario_table_reads_in_one_language(language: str) -> None:
    words = Words(WORDS, language)
    seen: dict[str, str] = {}
    for name, assessment in assessments():
        for text in shown_texts(name, assessment, words):
            seen.setdefault(text, name)
    assert len(seen) > 500
    wrong = [
        f"{n}: {s}" for t, n in seen.items() for s in foreign_sentences(without_terms(t), language)
    ]
    assert not wrong, "\n".join(wrong[:20])
    unfilled = [t for t in seen if "{" in t or "en: " in plain_terms(t) or "None" in t]
    assert not unfilled, unfilled[:5]
    if language == "es":
        bar = BARS["es"]
        hard = [
            f"{seen[t]} ({score(t, 'es'):.1f}): {t}"
            for t in seen
            if len(plain(t).split()) >= MIN_WORDS and not bar.passes(score(t, "es"))
        ]
        assert not hard, "\n".join(hard[:20])
