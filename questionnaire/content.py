"""Loads the questionnaire content files into one immutable, indexed object."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from .schema import Group, Question, QuestionnaireIndex, Section
from .yaml_text import parse

if TYPE_CHECKING:
    from .decisive import Decider

INDEX_FILE = "questionnaire.yaml"


class ContentError(Exception):
    """Content files that are missing, malformed or inconsistent; lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class BlockList:
    """Blocks in the order they are asked, and the position of each id among them."""

    blocks: tuple[Question | Group, ...]
    index_of: dict[str, int]

    @classmethod
    def of(cls, blocks: list[Question | Group]) -> BlockList:
        """Index a list of blocks by question or group id."""
        ids = [b.group if isinstance(b, Group) else b.id for b in blocks]
        return cls(tuple(blocks), {identifier: index for index, identifier in enumerate(ids)})


@dataclass(frozen=True)
class Questionnaire:
    """The whole questionnaire: sections in order, with lookups by id."""

    languages: tuple[str, ...]
    sections: tuple[Section, ...]
    questions: dict[str, Question] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    group_of: dict[str, Group] = field(default_factory=dict)
    section_of: dict[str, Section] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)
    # Tells the path which deciding facts the law needs for the answers so far (set by the
    # app from the law engine; without it no `decisive` question is asked).
    decider: Decider | None = field(default=None, compare=False)
    # The lists the path walks, built once: every top-level block in order (key None) and each
    # group's questions (key: the group id), each with where every id sits in its list.
    lists: dict[str | None, BlockList] = field(default_factory=dict, compare=False)

    @classmethod
    def build(cls, languages: list[str], sections: list[Section]) -> Questionnaire:
        """Index sections by question and group id (ids must be unique; checked elsewhere)."""
        built = cls(tuple(languages), tuple(sections))
        built.lists[None] = BlockList.of([b for s in sections for b in s.blocks])
        order = 0
        for section in sections:
            for block in section.blocks:
                if isinstance(block, Group):
                    built.lists[block.group] = BlockList.of(list(block.questions))
                    built.groups[block.group] = block
                    built.section_of[block.group] = section
                    built.position[block.group] = order
                    order += 1
                    for question in block.questions:
                        built._add(question, section, order)
                        built.group_of[question.id] = block
                        order += 1
                else:
                    built._add(block, section, order)
                    order += 1
        return built

    def _add(self, question: Question, section: Section, order: int) -> None:
        self.questions.setdefault(question.id, question)
        self.section_of.setdefault(question.id, section)
        self.position.setdefault(question.id, order)

    def all_questions(self) -> list[Question]:
        """Every question in questionnaire order (group questions once)."""
        return sorted(self.questions.values(), key=lambda q: self.position[q.id])


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return parse(handle)
    except FileNotFoundError:
        raise ContentError([f"{path.name}: file is missing"]) from None
    except yaml.YAMLError as error:
        raise ContentError([f"{path.name}: not valid YAML ({error})"]) from None


def _describe(error: ValidationError, source: str) -> list[str]:
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"])
        problems.append(f"{source}: {where}: {item['msg']}")
    return problems


def read_questionnaire(folder: Path) -> Questionnaire:
    """Read and schema-check the content files in `folder`; raise ContentError listing problems."""
    problems: list[str] = []
    try:
        index = QuestionnaireIndex.model_validate(_read_yaml(folder / INDEX_FILE))
    except ValidationError as error:
        raise ContentError(_describe(error, INDEX_FILE)) from None
    sections: list[Section] = []
    for section_id in index.sections:
        name = f"{section_id}.yaml"
        try:
            sections.append(Section.model_validate(_read_yaml(folder / name)))
        except ValidationError as error:
            problems.extend(_describe(error, name))
        except ContentError as error:
            problems.extend(error.problems)
    if problems:
        raise ContentError(problems)
    return Questionnaire.build(index.languages, sections)


def load_questionnaire(folder: Path) -> Questionnaire:
    """Read the content and run every consistency check; the app refuses to start otherwise."""
    from .validation import check_questionnaire

    questionnaire = read_questionnaire(folder)
    problems = check_questionnaire(questionnaire)
    if problems:
        raise ContentError(problems)
    return questionnaire
