"""The shape of the jurisdiction and federal law files, checked when they load."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    model_validator,
)

from .. import vocabulary
from ..content_memo import once
from .deciding import DecidingFact
from .findings import SourceRef

Confidence = vocabulary.Confidence
Process = vocabulary.Process
Rule = vocabulary.Rule
# "unclear" is a law file's own value: the sources do not settle what is credited.
Credit = Literal["sale_price", "fair_market_value", "greater_of", "none", "unclear"]
Purpose = vocabulary.Purpose
Lien = vocabulary.Lien
Occupancy = vocabulary.Occupancy
Owner = vocabulary.Owner


def _yaml_yes_no(value: object) -> object:
    """YAML reads a bare yes/no as a boolean; in our files it always means the answer."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


Answer = Annotated[vocabulary.Answer, BeforeValidator(_yaml_yes_no)]
YesNo = Annotated[Literal["yes", "no"], BeforeValidator(_yaml_yes_no)]
Bankruptcy = vocabulary.Bankruptcy
# Whom a foreclosure rule protects: only the loan whose lender foreclosed, or every loan
# (purchase-money and loan-type rules protect a loan whoever sold the home).
# "sold_out_junior": only a second or third loan wiped out by a senior lender's foreclosure.
Covers = Literal["foreclosed_loan", "every_loan", "sold_out_junior"]
Trigger = vocabulary.Trigger


def _kebab(value: str) -> str:
    if not re.match(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", value):
        raise ValueError(f"{value!r} is not a kebab-case id")
    return value


def _cited(values: list[str]) -> list[str]:
    if not values or not all(v.strip() for v in values):
        raise ValueError("at least one citation is required")
    return values


def _texts(value: dict[str, str]) -> dict[str, str]:
    if "en" not in value or not all(isinstance(t, str) and t.strip() for t in value.values()):
        raise ValueError("a text needs a non-empty 'en' and no empty language")
    return value


Kebab = Annotated[str, AfterValidator(_kebab)]
Citations = Annotated[list[str], AfterValidator(_cited)]
# Words for people, one per language ({en: ..., es: ...}); the maintainers' `note` is separate.
Texts = Annotated[dict[str, str], AfterValidator(_texts)]


class Strict(BaseModel):
    """Unknown keys are errors so typos cannot hide a fact."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """A page that was read to establish a fact."""

    id: Kebab
    title: str
    url: HttpUrl
    kind: Literal["statute", "regulation", "court", "legal_aid", "government", "law_firm", "guide"]


class Fact(Strict):
    """Anything stated as law: it carries citations, sources and a confidence."""

    citations: Citations
    sources: Annotated[list[str], Field(min_length=1)]
    confidence: Confidence
    # What people read: our plain words for this fact (grade 8 or lower, no case names, no ids).
    says: Texts | None = None
    # What maintainers read: the precise note, never shown to people.
    note: str | None = None


class Foreclosure(Fact):
    """Which foreclosure processes the state has for homes, and which is usual."""

    processes: Annotated[list[Literal["judicial", "nonjudicial"]], Field(min_length=1)]
    usual: Literal["judicial", "nonjudicial"]


class Baseline(Fact):
    """May the lender seek a deficiency after this kind of ending, before protections?"""

    rule: Rule
    credit: Credit
    # How sure we are of the credit, apart from the rule (default: the fact's confidence).
    credit_confidence: Confidence | None = None
    fair_value_hearing: bool = False
    how: Literal["lawsuit", "motion_in_foreclosure", "in_judgment", "unclear"] | None = None


class Deficiency(Strict):
    """The baseline for each way a home can be lost."""

    nonjudicial: Baseline
    judicial: Baseline
    short_sale: Baseline
    deed_in_lieu: Baseline
    # A second or third loan wiped out by a senior lender's foreclosure ("sold-out junior").
    sold_out_junior: Baseline | None = None


class AppliesTo(Strict):
    """The case facts a rule needs; every key given must match, a key left out means any."""

    processes: list[Process] | None = None
    loan_purposes: list[Purpose] | None = None
    liens: list[Lien] | None = None
    occupancy: list[Occupancy] | None = None
    max_units: Annotated[int, Field(ge=1, le=4)] | None = None
    max_acres: Annotated[float, Field(gt=0)] | None = None
    min_acres: Annotated[float, Field(gt=0)] | None = None
    loan_owners: list[Owner] | None = None
    lender_approved_sale: list[Answer] | None = None
    written_release: list[Answer] | None = None
    bankruptcy: list[Bankruptcy] | None = None
    # Deciding facts the rule needs (each a plain question people can answer).
    facts: dict[DecidingFact, YesNo] | None = None
    # The loan was made on or after / before this date (the loan_date deciding fact).
    loan_made_on_or_after: dt.date | None = None
    loan_made_before: dt.date | None = None


class Protection(Fact):
    """A rule that bars or limits a deficiency when its conditions hold."""

    id: Kebab
    effect: Literal["barred", "limited"]
    applies_to: AppliesTo
    # Conditions that hold for a typical homeowner here, shown as "what we assumed".
    assumptions: list[Texts] = Field(default_factory=list)
    # Deciding facts in `applies_to.facts` that usually hold: when not known, we assume they
    # do and say so (the questionnaire still asks them).
    usual_facts: list[DecidingFact] = Field(default_factory=list)
    # Conditions no question can settle (a court's discretion, an unsettled point): the rule
    # may apply, so the answer stays unclear. For maintainers; `says` tells people.
    other_conditions: list[str] | None = None
    refinance_note: str | None = None
    credit: Credit | None = None
    credit_confidence: Confidence | None = None
    covers: Covers = "foreclosed_loan"


class Period(Strict):
    """A length of time: exactly one of days, months or years."""

    days: int | None = Field(default=None, ge=1)
    months: int | None = Field(default=None, ge=1)
    years: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _one_unit(self) -> Period:
        if sum(v is not None for v in (self.days, self.months, self.years)) != 1:
            raise ValueError("give exactly one of days, months or years")
        return self


class Deadline(Fact):
    """How long the lender has to seek the deficiency, and what starts the clock."""

    processes: Annotated[list[Process], Field(min_length=1)]
    period: Period
    trigger: Trigger
    action: Literal["file_lawsuit", "file_motion", "other"]
    covers: Covers = "foreclosed_loan"
    # The clock starts the day after the trigger (e.g. "within 1 year after the day after").
    starts_next_day: bool = False
    # When time runs out the deficiency judgment itself ends (void or unenforceable), so
    # having been served with court papers does not save the lender's claim.
    voids_judgment: bool = False
    # Further conditions for this time limit (occupancy, deciding facts...).
    applies_to: AppliesTo | None = None
    usual_facts: list[DecidingFact] = Field(default_factory=list)


class Note(Fact):
    """A prerequisite or an exception, described in a note."""

    id: Kebab


class Garnishment(Fact):
    """The state's limits on taking wages for an ordinary consumer judgment."""

    rule: Literal["federal_only", "stricter", "prohibited"]
    max_percent_disposable: float | None = None
    min_wage_multiple: float | None = None
    min_wage_basis: Literal["federal", "state", "local", "higher_of"] | None = None


class Redemption(Fact):
    """The right to buy the home back after the sale."""

    after_sale: bool
    period: Period | None = None
    # The kinds of foreclosure the right follows (all of them when not given).
    processes: list[Literal["judicial", "nonjudicial"]] | None = None


class Answering(Fact):
    """How long a person has to answer court papers (a summons and complaint) once served."""

    period: Period
    # Court days skip weekends and court holidays; calendar days count every day.
    counted_in: Literal["calendar_days", "court_days"] = "calendar_days"


class Mediation(Fact):
    """A state foreclosure mediation or conference program a homeowner can ask for."""

    name: Texts
    url: HttpUrl
    processes: Annotated[list[Literal["judicial", "nonjudicial"]], Field(min_length=1)]
    # Only homes the person lives in, where the program says so.
    primary_residence_only: bool = True
    # The time to ask for it, counted from the event, where the law sets one.
    request_within: Period | None = None
    request_after: Literal["summons", "notice_of_default", "notice_of_sale", "other"] | None = None


class HelpLink(Strict):
    """A free help service people can reach (not law: no citation)."""

    name: Texts
    url: HttpUrl


class Help(Strict):
    """Free help for people in this state: the legal aid finder, the bar's referral line."""

    legal_aid: HelpLink
    more: list[HelpLink] = Field(default_factory=list)


class Disagreement(Strict):
    """Sources that disagree; the engine answers 'unclear' on the topic."""

    topic: str
    detail: str
    sources: list[str]


class SourceBook(Strict):
    """A law file's list of sources, and the sources each of its facts rests on."""

    sources: Annotated[list[Source], Field(min_length=1)]

    def source(self, source_id: str) -> Source | None:
        """A source by id."""
        return next((s for s in self.sources if s.id == source_id), None)

    def refs(self, fact: Fact) -> tuple[SourceRef, ...]:
        """The sources a fact rests on, in its order (ids not in the book are left out)."""

        def build() -> tuple[SourceRef, ...]:
            found = (self.source(i) for i in fact.sources)
            return tuple(SourceRef(s.title, str(s.url)) for s in found if s is not None)

        return once((self, fact), "refs", build)


class Jurisdiction(SourceBook):
    """Everything we know about one state's deficiency law."""

    code: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    name: str
    last_reviewed: dt.date
    confidence: Confidence
    foreclosure: Foreclosure
    deficiency: Deficiency
    protections: list[Protection] = Field(default_factory=list)
    deadline: list[Deadline] = Field(default_factory=list)
    prerequisites: list[Note] = Field(default_factory=list)
    exceptions: list[Note] = Field(default_factory=list)
    garnishment: Garnishment
    redemption: Redemption | None = None
    answering: Answering | None = None
    mediation: Mediation | None = None
    help: Help | None = None
    disagreements: list[Disagreement] = Field(default_factory=list)

    def facts(self) -> list[tuple[str, Fact]]:
        """Every cited fact in the file with a name for where it is."""
        found: list[tuple[str, Fact]] = [("foreclosure", self.foreclosure)]
        for name in ("nonjudicial", "judicial", "short_sale", "deed_in_lieu", "sold_out_junior"):
            baseline = getattr(self.deficiency, name)
            if baseline is not None:
                found.append((f"deficiency.{name}", baseline))
        found += [(f"protections.{p.id}", p) for p in self.protections]
        found += [(f"deadline.{i}", d) for i, d in enumerate(self.deadline)]
        found += [(f"prerequisites.{p.id}", p) for p in self.prerequisites]
        found += [(f"exceptions.{e.id}", e) for e in self.exceptions]
        found.append(("garnishment", self.garnishment))
        if self.redemption is not None:
            found.append(("redemption", self.redemption))
        if self.answering is not None:
            found.append(("answering", self.answering))
        if self.mediation is not None:
            found.append(("mediation", self.mediation))
        return found

    def disputed(self, topic: str) -> list[Disagreement]:
        """Disagreements recorded on a topic (or on a part of it)."""
        return [
            d for d in self.disagreements if d.topic == topic or topic.startswith(d.topic + ".")
        ]


class FederalRule(Fact):
    """A federal rule or loan-owner policy that changes what a lender may collect."""

    id: Kebab
    applies_to: AppliesTo
    effect: Literal["barred", "limited", "paused", "none"]
    assumptions: list[Texts] = Field(default_factory=list)
    other_conditions: list[str] | None = None


class BeforeSale(Fact):
    """A time before a scheduled foreclosure sale by which the homeowner should act."""

    period: Period


class FederalLaw(SourceBook):
    """Federal rules that sit on top of every state's law."""

    last_reviewed: dt.date
    rules: list[FederalRule]
    # A complete application for help sent this long before a sale protects it (Regulation X).
    loss_mitigation: BeforeSale | None = None
