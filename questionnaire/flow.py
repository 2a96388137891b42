"""The path through the questionnaire, computed from the answers on every request."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import rules
from .content import BlockList, Questionnaire
from .schema import CHECK_ANSWERS, Group, Section

Answers = Mapping[str, str]
Wanted = frozenset[tuple[str, str | None]]


@dataclass(frozen=True, order=True)
class Location:
    """One page: a question, and for repeated questions the item number (1 = first loan)."""

    question_id: str
    item: int | None = None

    @property
    def key(self) -> str:
        """The key its answer is stored under."""
        return self.question_id if self.item is None else f"{self.question_id}:{self.item}"


def _lookup(questionnaire: Questionnaire, answers: Answers, item: int | None) -> rules.Lookup:
    def lookup(answer_id: str) -> str | None:
        if item is not None and answer_id in questionnaire.group_of:
            return answers.get(f"{answer_id}:{item}")
        return answers.get(answer_id)

    return lookup


def _decisive(
    questionnaire: Questionnaire,
    answers: Answers,
    so_far: list[Location],
    item: int | None,
    asked: dict[int, Wanted],
) -> rules.Decisive | None:
    """Whether a deciding fact matters, judged on the answers on the path so far.

    `asked` keeps, for this one path, what the law needs at each length of the path so far:
    pages are only ever added, so the same length means the same answers."""
    decider = questionnaire.decider
    if decider is None:
        return None
    return lambda fact: decider.needs(questionnaire, answers, so_far, item, fact, asked)


def item_count(questionnaire: Questionnaire, group: Group, answers: Answers) -> int:
    """How many times a group is asked: its count answer, at least 1, at most its maximum."""
    raw = answers.get(group.repeat.count) or ""
    count = int(raw) if raw.isascii() and raw.isdigit() else 1
    return max(1, min(count, group.repeat.maximum))


def _walk(
    questionnaire: Questionnaire,
    listed: BlockList,
    answers: Answers,
    item: int | None,
    out: list[Location],
    asked: dict[int, Wanted],
) -> None:
    blocks, index_of = listed.blocks, listed.index_of
    lookup = _lookup(questionnaire, answers, item)
    # It reads the path as it is when a rule asks, so one serves the whole list.
    decisive = _decisive(questionnaire, answers, out, item, asked)
    index = 0
    for _ in range(len(blocks) + 1):  # validated content has no loops; this bounds bad content
        if index >= len(blocks):
            return
        block = blocks[index]
        if isinstance(block, Group):
            questions = questionnaire.lists[block.group]
            for number in range(1, item_count(questionnaire, block, answers) + 1):
                _walk(questionnaire, questions, answers, number, out, asked)
            index += 1
            continue
        if block.when is not None and not rules.evaluate(block.when, lookup, decisive):
            index += 1
            continue
        out.append(Location(block.id, item))
        target = next(
            (r.goto for r in block.routing if r.when is None or rules.evaluate(r.when, lookup)),
            None,
        )
        if target == CHECK_ANSWERS:
            return
        # Only forward jumps are followed, so even broken content cannot loop here.
        index = index + 1 if target is None else max(index + 1, index_of.get(target, len(blocks)))


def path(questionnaire: Questionnaire, answers: Answers) -> list[Location]:
    """Every page on the route the current answers lead to, in order."""
    out: list[Location] = []
    _walk(questionnaire, questionnaire.lists[None], answers, None, out, {})
    return out


def first_unanswered(pages: list[Location], answers: Answers) -> Location | None:
    """The first page on the path with no stored answer (None: ready for check-answers)."""
    return next((loc for loc in pages if loc.key not in answers), None)


def may_visit(pages: list[Location], answers: Answers, location: Location) -> bool:
    """A page can be shown if it is on the path and not beyond the first unanswered one."""
    if location not in pages:
        return False
    current = first_unanswered(pages, answers)
    return current is None or pages.index(location) <= pages.index(current)


def previous_page(pages: list[Location], location: Location) -> Location | None:
    """The page before this one on the path (for the back link)."""
    index = pages.index(location)
    return pages[index - 1] if index > 0 else None


def answers_on_path(questionnaire: Questionnaire, answers: Answers) -> dict[str, str]:
    """Only the answers that count: those on the current path."""
    return {loc.key: answers[loc.key] for loc in path(questionnaire, answers) if loc.key in answers}


@dataclass(frozen=True)
class Step:
    """One section in the step indicator."""

    section: Section
    number: int
    state: str  # "complete", "current" or "to_do"


def steps(questionnaire: Questionnaire, pages: list[Location], current: Location) -> list[Step]:
    """Sections for the step indicator, marking those before the current page complete."""
    current_section = questionnaire.section_of[current.question_id]
    sections = list(questionnaire.sections)
    here = sections.index(current_section)
    return [
        Step(section, number, "complete" if i < here else "current" if i == here else "to_do")
        for i, (number, section) in enumerate(enumerate(sections, 1))
    ]


# The answers that shape the path most: until both are given, a total would be a guess.
SHAPING = ("stage", "loan-count")


def page_number(
    pages: list[Location], location: Location, answers: Answers
) -> tuple[int, int | None]:
    """(position of this page, pages on the path) for 'Page 3 of about 12'; the total is None
    while what is happening and the number of loans are not known yet."""
    settled = all(answers.get(key) for key in SHAPING)
    return pages.index(location) + 1, len(pages) if settled else None
