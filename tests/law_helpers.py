"""Helpers for law tests: the real library, and a case built from API-style facts."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from questionnaire.law.assess import Assessment, assess
from questionnaire.law.case import read_case
from questionnaire.law.library import LawLibrary, load_library

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)


@cache
def library() -> LawLibrary:
    """The real law library, loaded once."""
    return load_library(ROOT / "content" / "jurisdictions", ROOT / "content" / "federal.yaml")


def run(facts: dict[str, Any], today: dt.date = TODAY) -> Assessment:
    """Assess API-style facts against the real law."""
    return assess(read_case(facts, today), library())
