"""How hard a text is to read, with a formula made for its language.

English: the Flesch-Kincaid grade (lower is easier; our bar is grade 8).
Spanish: the Szigriszt-Pazos perspicuity (INFLESZ scale; higher is easier). The bar for
Spanish is set from plain-language Spanish pages of US public services; see
docs/spanish-style.md for the figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from textstat.textstat import textstatistics

from .terms import without_terms
from .words import PLACEHOLDER

MARKUP = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Bar:
    """The limit for one language: its formula's name and the worst score allowed."""

    formula: str
    limit: float
    higher_is_easier: bool

    def passes(self, score: float) -> bool:
        """Whether a score meets this bar."""
        return score >= self.limit if self.higher_is_easier else score <= self.limit


BARS = {
    "en": Bar("Flesch-Kincaid grade", 8.0, higher_is_easier=False),
    "es": Bar("Szigriszt-Pazos (INFLESZ)", 55.0, higher_is_easier=True),
}


@cache
def _statistics(language: str) -> textstatistics:
    measure = textstatistics()
    measure.set_lang(language)
    return measure


def plain(text: str, placeholder: str = "ella") -> str:
    """The words a reader reads: markup, quoted English terms and placeholders taken out."""
    text = without_terms(MARKUP.sub(" ", text))
    return PLACEHOLDER.sub(placeholder, text).replace("§", "").strip()


def score(text: str, language: str) -> float:
    """The readability score of a text in its language's formula."""
    measure = _statistics(language)
    if language == "es":
        return float(measure.szigriszt_pazos(plain(text)))
    return float(measure.flesch_kincaid_grade(plain(text, "it")))


def readable(text: str, language: str) -> bool:
    """Whether a text meets the bar for its language."""
    return BARS[language].passes(score(text, language))
