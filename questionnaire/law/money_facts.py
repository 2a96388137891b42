"""The shape of the federal money files: garnishment limits, tax rules, and option texts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from .facts import Confidence, Fact, Kebab, Source, Strict

Text = dict[str, str]
Period = Literal["weekly", "biweekly", "semimonthly", "monthly"]


class FederalGarnishment(Fact):
    """15 U.S.C. § 1673(a): the lesser of a share of pay and the pay above a protected floor."""

    percent_of_disposable: Decimal
    minimum_wage: Decimal
    multiples: dict[str, Decimal]


class JudgmentNote(Fact):
    """What else a judgment could do (bank levy, lien), in a cited note."""

    id: Kebab


class GarnishmentLaw(Strict):
    """content/garnishment.yaml."""

    last_reviewed: dt.date
    sources: Annotated[list[Source], Field(min_length=1)]
    federal: FederalGarnishment
    judgment_notes: list[JudgmentNote] = Field(default_factory=list)


class TaxRule(Strict):
    """One federal tax rule about canceled debt, with its date limits and amounts."""

    id: Kebab
    citations: list[str]
    sources: Annotated[list[str], Field(min_length=1)]
    confidence: Confidence
    note: str
    applies_from: dt.date | None = None
    applies_until: dt.date | None = None
    written_arrangement_before: dt.date | None = None
    amounts: dict[str, Decimal] = Field(default_factory=dict)


class TaxLaw(Strict):
    """content/tax.yaml."""

    last_reviewed: dt.date
    sources: Annotated[list[Source], Field(min_length=1)]
    rules: list[TaxRule]


class Caution(Strict):
    """A warning about an option, with the law behind it."""

    text: Text
    citations: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)


class OptionText(Strict):
    """The words for one option; whether it is open and what it leaves owing is computed."""

    id: Kebab
    title: Text
    summary: Text
    ask_for: Text
    time: Text
    cautions: list[Caution]
    citations: list[str]
    sources: list[str]
    confidence: Confidence
    illustration: Text | None = None


class OptionsContent(Strict):
    """content/options.yaml."""

    last_reviewed: dt.date
    sources: Annotated[list[Source], Field(min_length=1)]
    options: list[OptionText]
