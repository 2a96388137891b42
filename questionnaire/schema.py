"""The shape of questionnaire content files, checked with pydantic when content loads."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
CHECK_ANSWERS = "check-answers"

Text = dict[str, str]
QuestionType = Literal[
    "single_choice",
    "yes_no_unsure",
    "money",
    "date",
    "us_state",
    "whole_number",
    "decimal_number",
]


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError(f"{value!r} is not a kebab-case id")
    return value


Slug = Annotated[str, AfterValidator(_slug)]


class Strict(BaseModel):
    """Base model: unknown keys are errors, so typos in content are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(Strict):
    """One answer a person can pick."""

    value: str
    label: Text
    hint: Text | None = None
    # True when the option means "I don't know": the fact is left out of the case.
    unknown: bool = False

    @field_validator("value")
    @classmethod
    def _value_is_simple(cls, value: str) -> str:
        if not re.match(r"^[a-z0-9_]+$", value):
            raise ValueError(f"option value {value!r} must be snake_case letters and digits")
        return value


class Route(Strict):
    """Go to `goto` when the rule holds (no rule: always)."""

    goto: str
    when: dict[str, Any] | None = None


class Question(Strict):
    """One question on its own page."""

    id: Slug
    type: QuestionType
    title: Text
    label: Text | None = None  # short wording for the check-answers page
    hint: Text | None = None
    why: Text | None = None  # "Why we ask"
    field: str | None = None  # the case-fact (API) field this answer feeds
    options: list[Option] = Field(default_factory=list)
    required: bool = True
    when: dict[str, Any] | None = None  # ask only when this holds
    routing: list[Route] = Field(default_factory=list)
    minimum: int | None = None
    maximum: int | None = None
    not_after_today: bool = False
    # A date question where a person may leave the day blank and give only month and year.
    day_optional: bool = False

    @model_validator(mode="after")
    def _options_match_type(self) -> Question:
        if self.type == "single_choice" and len(self.options) < 2:
            raise ValueError(f"{self.id}: a single_choice question needs at least two options")
        if self.type != "single_choice" and self.options:
            raise ValueError(f"{self.id}: only single_choice questions list options")
        values = [option.value for option in self.options]
        if len(values) != len(set(values)):
            raise ValueError(f"{self.id}: option values repeat")
        return self


class Repeat(Strict):
    """How many times a group is asked: the answer to `count`, capped at `maximum`."""

    count: str
    maximum: int = Field(ge=1, le=10)


class Group(Strict):
    """Questions asked once per item, e.g. once for each loan."""

    group: Slug
    repeat: Repeat
    item_titles: list[Text]
    questions: list[Question]

    @model_validator(mode="after")
    def _titles_cover_items(self) -> Group:
        if len(self.item_titles) < self.repeat.maximum:
            raise ValueError(f"{self.group}: needs one item title per possible item")
        if not self.questions:
            raise ValueError(f"{self.group}: a group needs questions")
        return self


def _block_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "group" if "group" in value else "question"
    return "group" if isinstance(value, Group) else "question"


Block = Annotated[
    Annotated[Question, Tag("question")] | Annotated[Group, Tag("group")],
    Discriminator(_block_kind),
]


class Section(Strict):
    """A step of the questionnaire shown in the step indicator."""

    id: Slug
    title: Text
    blocks: list[Block]


class QuestionnaireIndex(Strict):
    """The top file: languages and the order of the section files."""

    languages: list[str]
    sections: list[str]
