"""Plain language: every question, hint and 'why we ask' reads at US grade 8 or lower."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textstat
import yaml

from questionnaire.content import load_questionnaire

ROOT = Path(__file__).resolve().parent.parent
QUESTIONNAIRE = load_questionnaire(ROOT / "content" / "questions")
GLOSSARY = yaml.safe_load((ROOT / "content" / "glossary.yaml").read_text(encoding="utf-8"))
TERMS = sorted((entry["term"]["en"] for entry in GLOSSARY["terms"]), key=len, reverse=True)
MAX_GRADE = 8.0


def plain(text: str) -> str:
    """Count each glossary term as one short word, since we explain it in the glossary."""
    for term in TERMS:
        text = re.sub(rf"\b{re.escape(term)}\b", "term", text, flags=re.IGNORECASE)
    return text


OPTIONS = yaml.safe_load((ROOT / "content" / "options.yaml").read_text(encoding="utf-8"))


def texts() -> list[tuple[str, str]]:
    found = []
    for option in OPTIONS["options"]:
        for name in ("title", "summary", "ask_for", "time"):
            found.append((f"options.{option['id']}.{name}", option[name]["en"]))
        for number, caution in enumerate(option["cautions"]):
            found.append((f"options.{option['id']}.caution{number}", caution["text"]["en"]))
    for entry in GLOSSARY["terms"]:
        found.append((f"glossary.{entry['term']['en']}", entry["definition"]["en"]))
    for question in QUESTIONNAIRE.all_questions():
        for name in ("title", "hint", "why"):
            text = getattr(question, name)
            if text:
                found.append((f"{question.id}.{name}", text["en"]))
        for option in question.options:
            found.append((f"{question.id}.option.{option.value}", option.label["en"]))
    return found


@pytest.mark.parametrize(("where", "text"), texts(), ids=[w for w, _ in texts()])
def test_grade_eight_or_lower(where: str, text: str) -> None:
    grade = textstat.flesch_kincaid_grade(plain(text))
    assert grade <= MAX_GRADE, f"{where} reads at grade {grade:.1f}: {text!r}"


def test_the_whole_questionnaire_reads_easily() -> None:
    everything = " ".join(text.rstrip(".?") + "." for _where, text in texts())
    assert textstat.flesch_kincaid_grade(plain(everything)) <= 6.5


def test_every_glossary_term_is_defined_in_every_language() -> None:
    for entry in GLOSSARY["terms"]:
        for language in QUESTIONNAIRE.languages:
            assert entry["definition"].get(language, "").strip(), entry["term"]


def test_the_measure_can_fail() -> None:
    hard = (
        "Notwithstanding the aforementioned contractual stipulations, indemnification "
        "obligations shall survive termination of the hypothecation agreement."
    )
    assert textstat.flesch_kincaid_grade(plain(hard)) > MAX_GRADE
