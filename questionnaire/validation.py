"""Consistency checks on loaded content: ids, references, languages, and the routing graph."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import rules
from .case_facts import CASE_FIELDS, LOAN_FIELDS
from .content import Questionnaire
from .law import case as api
from .law.deciding import DecidingFact
from .schema import CHECK_ANSWERS, Group, Question, Text
from .states import STATE_NAMES

# Facts the questionnaire may ask only when decisive: the deciding facts, and the basic facts
# only some states' rules use (the size of the building and of the land).
DECIDING = frozenset(fact.value for fact in DecidingFact) | {"units", "acres"}
# The vocabulary each choice question's answers must come from (questionnaire.vocabulary).
FIELD_VOCABULARY: dict[str, tuple[str, ...]] = {
    "stage": api.STAGES,
    "occupancy": api.OCCUPANCY,
    "foreclosure_type": api.FORECLOSURE_TYPES,
    "foreclosing_lien": api.FORECLOSING_LIENS,
    "purpose": api.PURPOSES,
    "owner": api.OWNERS,
    "bankruptcy": api.BANKRUPTCY,
    "pay_period": api.PAY_PERIODS,
}

YES_NO_UNSURE = ("yes", "no", "not_sure")
Graph = dict[str, list[str]]


def check_questionnaire(questionnaire: Questionnaire) -> list[str]:
    """Return every problem found; an empty list means the content is sound."""
    problems: list[str] = []
    problems += _check_unique_ids(questionnaire)
    problems += _check_languages(questionnaire)
    problems += _check_fields(questionnaire)
    problems += _check_rules(questionnaire)
    problems += _check_groups(questionnaire)
    for graph, start in _graphs(questionnaire):
        problems += check_graph(graph, start)
    return problems


def _check_unique_ids(questionnaire: Questionnaire) -> list[str]:
    seen: set[str] = {CHECK_ANSWERS}
    problems = []
    for section in questionnaire.sections:
        ids = [section.id]
        for block in section.blocks:
            if isinstance(block, Group):
                ids.append(block.group)
                ids.extend(question.id for question in block.questions)
            else:
                ids.append(block.id)
        for identifier in ids:
            if identifier in seen:
                problems.append(f"id {identifier!r} is used more than once")
            seen.add(identifier)
    return problems


def _texts(questionnaire: Questionnaire) -> Iterator[tuple[str, Text]]:
    for section in questionnaire.sections:
        yield f"section {section.id} title", section.title
        for group in (b for b in section.blocks if isinstance(b, Group)):
            for number, title in enumerate(group.item_titles, 1):
                yield f"group {group.group} item title {number}", title
    for question in questionnaire.all_questions():
        for name in ("title", "label", "hint", "why"):
            text = getattr(question, name)
            if text is not None:
                yield f"question {question.id} {name}", text
        for option in question.options:
            yield f"question {question.id} option {option.value} label", option.label
            if option.hint is not None:
                yield f"question {question.id} option {option.value} hint", option.hint


def _check_languages(questionnaire: Questionnaire) -> list[str]:
    problems = []
    for where, text in _texts(questionnaire):
        for language in questionnaire.languages:
            if not (text.get(language) or "").strip():
                problems.append(f"{where} has no {language!r} text")
        for language in set(text) - set(questionnaire.languages):
            problems.append(f"{where} has text in unconfigured language {language!r}")
    return problems


def _check_fields(questionnaire: Questionnaire) -> list[str]:
    problems = []
    for question in questionnaire.all_questions():
        if question.field is None:
            continue
        allowed = LOAN_FIELDS if question.id in questionnaire.group_of else CASE_FIELDS
        if question.field not in allowed:
            problems.append(f"question {question.id} feeds unknown case field {question.field!r}")
        if question.day_optional and f"{question.field}_precision" not in allowed:
            # A month-only date needs its API field to say so ({field}_precision).
            problems.append(f"question {question.id}: {question.field} cannot be month-only")
        vocabulary = FIELD_VOCABULARY.get(question.field)
        if vocabulary is not None and question.type == "single_choice":
            for option in question.options:
                if not option.unknown and option.value not in vocabulary:
                    problems.append(
                        f"question {question.id}: option {option.value!r} is not one of "
                        f"the {question.field} values ({', '.join(vocabulary)})"
                    )
    return problems


def _rules_of(question: Question) -> Iterator[tuple[dict[str, Any], bool]]:
    """Each rule of a question, with whether it may read the question's own answer."""
    if question.when is not None:
        yield question.when, False
    for route in question.routing:
        if route.when is not None:
            yield route.when, True


def _allowed_values(question: Question) -> set[str] | None:
    if question.type == "single_choice":
        return {option.value for option in question.options}
    if question.type == "yes_no_unsure":
        return set(YES_NO_UNSURE)
    if question.type == "us_state":
        return set(STATE_NAMES)
    return None


def _check_rules(questionnaire: Questionnaire) -> list[str]:
    problems = []
    for question in questionnaire.all_questions():
        for rule, reads_self in _rules_of(question):
            try:
                rules.evaluate(rule, lambda _answer_id: None)
                references = list(rules.answer_references(rule))
                comparisons = list(rules.literal_comparisons(rule))
            except rules.RuleError as error:
                problems.append(f"question {question.id}: {error}")
                continue
            problems += _check_references(questionnaire, question, references, reads_self)
            for fact in rules.decisive_facts(rule):
                if fact not in DECIDING:
                    problems.append(f"question {question.id}: {fact!r} is not a deciding fact")
                elif fact != question.field:
                    problems.append(
                        f"question {question.id}: asks {question.field!r}, decided by {fact!r}"
                    )
            for answer_id, values in comparisons:
                target = questionnaire.questions.get(answer_id)
                allowed = _allowed_values(target) if target else None
                for value in values:
                    if allowed is not None and rules.as_text(value) not in allowed:
                        problems.append(
                            f"question {question.id}: {answer_id} has no option {value!r}"
                        )
    return problems


def _check_references(
    questionnaire: Questionnaire, question: Question, references: list[str], reads_self: bool
) -> list[str]:
    problems = []
    for answer_id in references:
        if answer_id not in questionnaire.questions:
            problems.append(f"question {question.id}: rule refers to unknown answer {answer_id!r}")
        elif answer_id == question.id and reads_self:
            continue
        elif questionnaire.position[answer_id] >= questionnaire.position[question.id]:
            problems.append(f"question {question.id}: rule reads later answer {answer_id!r}")
        else:
            group = questionnaire.group_of.get(answer_id)
            if group is not None and questionnaire.group_of.get(question.id) is not group:
                problems.append(
                    f"question {question.id}: rule reads {answer_id!r} inside group {group.group}"
                )
    return problems


def _check_groups(questionnaire: Questionnaire) -> list[str]:
    problems = []
    for group in questionnaire.groups.values():
        counter = questionnaire.questions.get(group.repeat.count)
        if counter is None:
            problems.append(f"group {group.group}: count answer {group.repeat.count!r} is unknown")
        elif counter.id in questionnaire.group_of:
            problems.append(f"group {group.group}: count answer must not be inside a group")
        elif counter.type not in ("whole_number", "single_choice"):
            problems.append(f"group {group.group}: count answer must be a number or a choice")
        elif questionnaire.position[counter.id] > questionnaire.position[group.group]:
            problems.append(f"group {group.group}: count answer comes after the group")
    return problems


def _scope_graph(blocks: list[Question | Group], exit_to: str) -> Graph:
    ids = [b.group if isinstance(b, Group) else b.id for b in blocks]
    graph: Graph = {}
    for index, block in enumerate(blocks):
        following = ids[index + 1] if index + 1 < len(ids) else exit_to
        if isinstance(block, Group):
            graph[block.group] = [following]
            continue
        edges = [route.goto for route in block.routing]
        always = any(route.when is None for route in block.routing)
        if not always or block.when is not None:
            edges.append(following)
        graph[block.id] = list(dict.fromkeys(edges))
    return graph


def _graphs(questionnaire: Questionnaire) -> Iterator[tuple[Graph, str]]:
    top: list[Question | Group] = [b for s in questionnaire.sections for b in s.blocks]
    if not top:
        yield {CHECK_ANSWERS: []}, CHECK_ANSWERS
        return
    start = top[0].group if isinstance(top[0], Group) else top[0].id
    yield _scope_graph(top, CHECK_ANSWERS), start
    for group in questionnaire.groups.values():
        # Inside a group, the end of the group stands in for check-answers.
        inner: list[Question | Group] = list(group.questions)
        yield _scope_graph(inner, CHECK_ANSWERS), group.questions[0].id


def check_graph(graph: Graph, start: str) -> list[str]:
    """Check a routing graph: known targets, no cycles, all reachable, all end at check-answers."""
    problems = []
    nodes = set(graph) | {CHECK_ANSWERS}
    for node, targets in graph.items():
        for target in targets:
            if target not in nodes:
                problems.append(f"question {node}: routes to unknown question {target!r}")
    if problems:
        return problems
    problems += _find_cycles(graph, start)
    reached = _reach(graph, start)
    for node in graph:
        if node not in reached:
            problems.append(f"question {node} can never be reached")
    reverse: Graph = {node: [] for node in nodes}
    for node, targets in graph.items():
        for target in targets:
            reverse[target].append(node)
    finishing = _reach(reverse, CHECK_ANSWERS)
    for node in graph:
        if node not in finishing:
            problems.append(f"question {node} has no way on to check-answers")
    return problems


def _reach(graph: Graph, start: str) -> set[str]:
    seen, stack = {start}, [start]
    while stack:
        for target in graph.get(stack.pop(), []):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def _find_cycles(graph: Graph, start: str) -> list[str]:
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = finished
    problems: list[str] = []
    for root in [start, *graph]:
        if root in state:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(graph.get(root, [])))]
        state[root] = 1
        while stack:
            node, targets = stack[-1]
            target = next(targets, None)
            if target is None:
                state[node] = 2
                stack.pop()
            elif state.get(target) == 1:
                problems.append(f"routing loops back from {node} to {target}")
            elif target not in state:
                state[target] = 1
                stack.append((target, iter(graph.get(target, []))))
    return problems
