"""Findings: what the engine concludes, as message codes with typed parameters, never sentences.

One module (questionnaire.words) turns a finding into text for a language; the engine, the
API's codes and the tests only ever see the code, its parameters and the law it rests on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .records import fast_init

Texts = Mapping[str, str]


class SourceRef(NamedTuple):
    """A source a finding rests on: its title and where to read it (a tuple: findings' texts
    and JSON are kept by their sources among other things, and a tuple hashes in C)."""

    title: str
    url: str


@fast_init
@dataclass(frozen=True, eq=True)
class Reason:
    """One finding: a message code, its parameters, our plain words for the law fact behind
    it (`says`, per language) and the citations and sources it rests on."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    says: Texts | None = None
    citations: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.params.items(), key=str)), self.citations))


@fast_init
@dataclass(frozen=True)
class UnknownFact:
    """A fact we needed and did not know: it could change a verdict, an amount or a deadline."""

    fact: str  # an API field name (a deciding fact, or a basic one such as acres)
    lien: str | None = None  # the loan it is about, for loan-level facts


def finding(code: str, **params: Any) -> Reason:
    """A finding with no law fact behind it (an assumption, a remark about the numbers)."""
    return Reason(code, params)
