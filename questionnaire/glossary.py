"""The glossary: the words a report uses, explained, and only those."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .terms import without_terms
from .yaml_text import parse


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per term
class Term:
    """A word people meet in papers from lenders and courts, with the forms it takes.

    Each language has its own word (`term`, which may quote the English one as
    `(en: …)`), its own other forms (`also`) and its own definition.
    """

    term: dict[str, str]
    definition: dict[str, str]
    also: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def name(self, language: str) -> str:
        """The term as a heading in this language, English term quoted."""
        return self.term.get(language) or self.term["en"]

    @cache  # noqa: B019 - a few dozen terms, kept for the app's life
    def forms(self, language: str) -> tuple[str, ...]:
        """The term and its other forms in this language, longest first."""
        word = without_terms(self.name(language))
        return tuple(sorted((word, *self.also.get(language, ())), key=len, reverse=True))

    @cache  # noqa: B019 - a few dozen terms, kept for the app's life
    def pattern(self, language: str) -> re.Pattern[str]:
        """Matches any of the forms in lower case, not followed by a letter, digit or hyphen
        (what comes before is checked by `found_in`: a pattern that starts with a look-behind
        is tried at every position of the text, one that starts with words is not)."""
        forms = [form.lower() for form in self.forms(language)]
        return re.compile("(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")

    def found_in(self, lowered: str, language: str) -> bool:
        """Whether the text (in lower case) uses the term or one of its forms as a whole word."""
        pattern, position = self.pattern(language), 0
        while (match := pattern.search(lowered, position)) is not None:
            start = match.start()
            before = lowered[start - 1] if start else " "
            if not (before.isalnum() or before in "_-"):  # what \w and "-" are, as a whole word
                return True
            position = start + 1  # a shorter form may still start inside this one
        return False


def _texts(value: str | dict[str, str]) -> dict[str, str]:
    return {"en": value} if isinstance(value, str) else dict(value)


def _forms(value: list[str] | dict[str, list[str]] | None) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if isinstance(value, list):
        return {"en": tuple(value)}
    return {language: tuple(forms) for language, forms in value.items()}


def load_glossary(path: Path) -> list[Term]:
    """Read content/glossary.yaml."""
    data = parse(path.read_text(encoding="utf-8"))
    return [
        Term(_texts(item["term"]), dict(item["definition"]), _forms(item.get("also")))
        for item in data["terms"]
    ]


def used_in(text: str, terms: list[Term], language: str = "en") -> list[Term]:
    """The terms this text uses, in alphabetical order of this language's words.

    The text is put in lower case once and each term's forms are found in it as words."""
    lowered = text.lower()
    return sorted(
        (t for t in terms if t.found_in(lowered, language)),
        key=lambda t: without_terms(t.name(language)).lower(),
    )
