"""Helpers for law tests: the real library, and a case built from API-style facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from questionnaire.law.assess import Assessment, assess
from questionnaire.law.case import read_case
from questionnaire.law.findings import Reason
from questionnaire.law.library import LawLibrary, load_library
from questionnaire.words import Words, load_words

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)


@cache
def library() -> LawLibrary:
    """The real law library, loaded once."""
    return load_library(ROOT / "content" / "jurisdictions", ROOT / "content" / "federal.yaml")


def run(facts: dict[str, Any], today: dt.date = TODAY) -> Assessment:
    """Assess API-style facts against the real law."""
    return assess(read_case(facts, today), library())


@cache
def _words() -> Words:
    return Words(load_words(ROOT / "content" / "findings.yaml"), "en")


def say(item: Reason) -> str:
    """A finding in English words, as people read it."""
    return _words().reason(item)


def texts(items: Iterable[Reason]) -> str:
    """Several findings in English words, joined (for 'mentions' checks)."""
    return " ".join(say(item) for item in items)
