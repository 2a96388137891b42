"""Findings into words: the one place that turns the engine's codes into text for a language."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from babel.lists import format_list
from pydantic import BaseModel, ConfigDict

from .content_memo import once
from .formats import LocaleFormats
from .law.findings import Reason, UnknownFact
from .states import STATE_NAMES
from .terms import plain_terms
from .yaml_text import parse

Texts = dict[str, str]
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# Parameters whose value is a key into a phrase table of the same name.
PHRASE_TABLES = ("process", "credit", "trigger", "unit", "plan", "paper", "after", "lien", "state")


class FactWords(BaseModel):
    """What to call a fact: the thing to find out, and the statement of each answer."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    ask: Texts
    yes: Texts | None = None
    no: Texts | None = None


class Phrases(BaseModel):
    """Words filled into messages."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    process: dict[str, Texts]
    credit: dict[str, Texts]
    trigger: dict[str, Texts]
    unit: dict[str, Texts]
    plan: dict[str, Texts]
    paper: dict[str, Texts]
    after: dict[str, Texts]
    lien: dict[str, Texts]
    fact: dict[str, FactWords]
    state: dict[str, Texts] = {}
    """State names where a language writes them its own way (others keep the English)."""


class FindingWords(BaseModel):
    """The content file of messages, flags and phrases (content/findings.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    messages: dict[str, Texts]
    flags: dict[str, Texts]
    phrases: Phrases


def load_words(path: Path) -> FindingWords:
    """Read and validate content/findings.yaml."""
    data = parse(path.read_text(encoding="utf-8"))
    phrases = data.get("phrases", {})
    for words in phrases.get("fact", {}).values():
        for key in (True, False):  # YAML may read a bare yes/no key as a boolean
            if key in words:
                words["yes" if key else "no"] = words.pop(key)
    return FindingWords.model_validate(data)


def missing_languages(words: FindingWords, languages: list[str]) -> list[str]:
    """Every text that lacks one of the languages, as 'where: language'."""
    problems = []

    def check(where: str, texts: Texts | None) -> None:
        for language in languages:
            if texts is not None and language not in texts:
                problems.append(f"{where}: {language}")

    for code, texts in words.messages.items():
        check(f"messages.{code}", texts)
    for flag, texts in words.flags.items():
        check(f"flags.{flag}", texts)
    for table in PHRASE_TABLES:
        for key, texts in getattr(words.phrases, table).items():
            check(f"phrases.{table}.{key}", texts)
    for name, fact in words.phrases.fact.items():
        check(f"phrases.fact.{name}.ask", fact.ask)
        check(f"phrases.fact.{name}.yes", fact.yes)
        check(f"phrases.fact.{name}.no", fact.no)
    return problems


@dataclass(frozen=True)
class Rendered:
    """A finding in words, with what it rests on."""

    code: str
    text: str
    citations: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]  # (title, url)


def us_locale(language: str) -> str:
    """The locale for money, dates and lists: the language as written in the US if Babel has it.

    People read their papers in US formats ($1,250.50), whatever their language."""
    try:
        Locale.parse(f"{language}_US")
    except (UnknownLocaleError, ValueError):
        return language
    return f"{language}_US"


@cache
def _babel_locale(language: str) -> Locale | str:
    """The Babel locale of us_locale(), parsed once per process (Babel would parse a name
    again for every amount and date); a name Babel does not know stays a name, as before."""
    name = us_locale(language)
    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return name


@lru_cache(maxsize=4096)
def _template_parts(template: str) -> tuple[str, ...]:
    """A message's text cut at its placeholders: text, name, text, name, …, text."""
    return tuple(PLACEHOLDER.split(template))


@cache
def _formats(language: str) -> LocaleFormats:
    """Money and dates for a language, worked out once per process."""
    return LocaleFormats(_babel_locale(language))


T = TypeVar("T")
MOST_KEPT = 20_000  # finding texts kept per language; more would mean a bug, not content


def _shared_key(reason: Reason, says: str | None) -> tuple[Any, ...] | None:
    """What a finding's text depends on, when none of it is a person's own data: the code,
    parameters that are words from our vocabularies, flags or the law's counts (a period's
    length), and the law's words. A person's numbers reach findings as amounts (Decimal)
    and days (dates): those are written each time, never kept."""
    if not reason.params:
        return (reason.code, (), says)
    items = []
    for name, value in reason.params.items():
        if not (
            value is None
            or isinstance(value, str | int)  # bool is an int
            or (isinstance(value, tuple) and all(isinstance(v, str) for v in value))
        ):
            return None  # an amount, a date or a program's names: written each time
        items.append((name, value))
    return (reason.code, tuple(items), says)


def prepare_formats(languages: tuple[str, ...] | list[str]) -> None:
    """Work out each language's money and date formats now (Babel reads its locale data)."""
    for language in languages:
        _formats(language)


class Words:
    """Renders findings, money and dates for one language."""

    def __init__(
        self, words: FindingWords, language: str, fallback: str = "en", plain: bool = False
    ) -> None:
        self.words = words
        self.language = language
        self.fallback = fallback
        self.locale = _babel_locale(language)
        self.formats = _formats(language)
        self.plain = plain
        """Plain text (API, calendar): quoted English terms as `(term)`, not page mark-up."""
        self._kept: dict[tuple[Any, ...], Any] = once(
            (words,), f"finding texts {language} {fallback} {plain}", dict
        )

    def pick(self, texts: Mapping[str, str] | None) -> str:
        """A text in this language (content checks guarantee it exists)."""
        if not texts:
            return ""
        text = self._raw(texts)
        return plain_terms(text) if self.plain else text

    def money(self, amount: Decimal | None) -> str:
        """$1,234.56 in this language's format."""
        # Whole dollars read faster: $30,000 rather than $30,000.00.
        return "" if amount is None else self.formats.money(amount)

    def date(self, day: dt.date | None) -> str:
        """A date written out: 'September 15, 2026'."""
        return "" if day is None else self.formats.date(day)

    def month(self, day: dt.date) -> str:
        """A month written out: 'March 2027', 'marzo de 2027'."""
        return str(format_skeleton("yMMMM", day, locale=self.locale))

    def state(self, code: str) -> str:
        """A state's name in this language: 'New York', 'Nueva York'."""
        names = self.words.phrases.state.get(code)
        return self.pick(names) if names else STATE_NAMES.get(code, code)

    def fact_to_find(self, name: str) -> str:
        """'whether your lender bought the home at the sale'."""
        fact = self.words.phrases.fact.get(name)
        return self.pick(fact.ask) if fact else name.replace("_", " ")

    def join(self, items: list[str]) -> str:
        """'a, b and c' in this language."""
        return str(format_list(items, locale=self.locale)) if items else ""

    def _param(self, name: str, value: Any, params: Mapping[str, Any]) -> str:
        phrases = self.words.phrases
        if name == "state":
            return self.state(str(value))
        if name in PHRASE_TABLES and name != "unit":
            return self.pick(getattr(phrases, name).get(str(value)))
        if isinstance(value, Mapping):
            return self.pick(value)  # a name in every language, e.g. a program's
        if name in ("fact", "needs"):
            return self.fact_to_find(str(value))
        if name == "facts":
            return self.join([self.fact_to_find(str(v)) for v in value])
        if name == "fact_statement":
            fact = phrases.fact.get(str(params.get("fact")))
            texts = None if fact is None else getattr(fact, str(params.get("value")), None)
            return self.pick(texts)
        if name == "period":
            count, unit = int(params["count"]), str(params["unit"])
            key = unit[:-1] if count == 1 else unit
            return self.pick(phrases.unit.get(key)).replace("{count}", str(count))
        if name == "month" and isinstance(value, dt.date):
            return self.month(value)
        if isinstance(value, dt.date):
            return self.date(value)
        if isinstance(value, Decimal):
            return self.money(value)
        return str(value)

    def message(self, code: str, params: Mapping[str, Any] | None = None) -> str:
        """The text of one message code with its parameters filled in."""
        params = params or {}
        parts = _template_parts(self.pick(self.words.messages.get(code)))
        if len(parts) == 1:
            return parts[0]
        written = [parts[0]]
        for index in range(1, len(parts), 2):
            name = parts[index]
            written += (self._param(name, params.get(name), params), parts[index + 1])
        return "".join(written)

    def reason(self, reason: Reason) -> str:
        """A finding as one short paragraph: the message, the law's own words, the flags.

        A finding whose parameters are all our own words (codes, fact names, flags, the
        law's counts) reads the same for everyone: its text is kept for the next request.
        One that carries an amount or a date is written each time and never kept."""
        key = self.shared_key(reason)
        if key is None:
            return self._reason(reason)
        return self.keep(key, lambda: self._reason(reason))

    def shared_key(self, reason: Reason) -> tuple[Any, ...] | None:
        """What a finding's words depend on in this language, or None when they carry a
        person's amounts or days (see `_shared_key`)."""
        return _shared_key(reason, self._raw(reason.says) if reason.says else None)

    def keep(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """`make()`, kept under `key` for the next request in this language: only for what is
        made from our own words and the law's, never from a person's data. A kept value is
        shared by every answer, so it is never changed."""
        kept: T | None = self._kept.get(key)
        if kept is None:
            if len(self._kept) >= MOST_KEPT:
                self._kept.clear()
            kept = self._kept[key] = make()
        return kept

    def _raw(self, texts: Mapping[str, str]) -> str:
        """A text in this language, else the fallback's, as content wrote it."""
        return texts.get(self.language) or texts.get(self.fallback, "")

    def _reason(self, reason: Reason) -> str:
        parts = [self.message(reason.code, reason.params), self.pick(reason.says)]
        for flag, value in reason.params.items():
            if value is True and flag in self.words.flags:
                parts.append(self.pick(self.words.flags[flag]))
        return " ".join(p.strip() for p in parts if p and p.strip())

    def render(self, reason: Reason) -> Rendered:
        """A finding in words with its citations and sources."""
        return Rendered(
            reason.code,
            self.reason(reason),
            reason.citations,
            tuple((s.title, s.url) for s in reason.sources),
        )

    def paper(self, key: str | None) -> str:
        """Which paper to look at for a step ('Look at the notice of sale…')."""
        return self.pick(self.words.phrases.paper.get(key or ""))

    def unknown(self, fact: UnknownFact) -> str:
        """'whether your lender bought the home at the sale'."""
        return self.fact_to_find(fact.fact)
