"""The glossary: the words a report uses, explained, and only those."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Term:
    """A word people meet in papers from lenders and courts, with the forms it takes."""

    term: str
    definition: dict[str, str]
    also: tuple[str, ...] = ()

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Matches the term or any of its other forms as whole words, any case."""
        forms = sorted((self.term, *self.also), key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])", re.I)


def load_glossary(path: Path) -> list[Term]:
    """Read content/glossary.yaml."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Term(item["term"], dict(item["definition"]), tuple(item.get("also", ())))
        for item in data["terms"]
    ]


def used_in(text: str, terms: list[Term]) -> list[Term]:
    """The terms this text uses, in alphabetical order."""
    return sorted((t for t in terms if t.pattern.search(text)), key=lambda t: t.term.lower())
