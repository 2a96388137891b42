"""The `when` rule language: small, declarative, evaluated without eval()."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

Rule = Mapping[str, Any]
Lookup = Callable[[str], str | None]
# Is this deciding fact needed to settle the person's answer? (The law engine knows.)
Decisive = Callable[[str], bool]

COMPARISONS = ("greater_than", "less_than", "at_least", "at_most")
OPERATORS = frozenset(
    {
        "equals",
        "not_equals",
        "in",
        "not_in",
        "and",
        "or",
        "not",
        "answered",
        "not_answered",
        "decisive",
    }
    | set(COMPARISONS)
)


class RuleError(ValueError):
    """A rule that does not follow the rule language."""


def _operator(rule: Rule) -> str:
    if not isinstance(rule, Mapping) or len(rule) != 1:
        raise RuleError(f"a rule must be a mapping with exactly one operator, got {rule!r}")
    (op,) = rule.keys()
    if op not in OPERATORS:
        raise RuleError(f"unknown operator {op!r}")
    return str(op)


def _value(operand: Any, lookup: Lookup) -> Any:
    if isinstance(operand, Mapping):
        if set(operand) != {"answer"}:
            raise RuleError(f"an operand mapping must be {{answer: id}}, got {operand!r}")
        return lookup(str(operand["answer"]))
    return operand


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _compare(op: str, left: Any, right: Any) -> bool:
    # Ordering on a missing or non-numeric value is false, never an error.
    a, b = _number(left), _number(right)
    if a is None or b is None:
        return False
    if op == "greater_than":
        return a > b
    if op == "less_than":
        return a < b
    if op == "at_least":
        return a >= b
    return a <= b


def _pair(rule: Rule, op: str) -> tuple[Any, Any]:
    operands = rule[op]
    if not isinstance(operands, list) or len(operands) != 2:
        raise RuleError(f"{op} takes a list of two operands, got {operands!r}")
    return operands[0], operands[1]


def _as_text(value: Any) -> str | None:
    if isinstance(value, bool):  # YAML reads a bare yes/no as a boolean
        return "yes" if value else "no"
    return None if value is None else str(value)


def evaluate(rule: Rule, lookup: Lookup, decisive: Decisive | None = None) -> bool:
    """Evaluate a rule against answers; `lookup(answer_id)` returns the stored value or None.

    `decisive(fact)` answers `{decisive: fact}`: whether, for the answers so far, that fact
    would change the result (without it, no fact is decisive)."""
    op = _operator(rule)
    if op in ("and", "or"):
        parts = rule[op]
        if not isinstance(parts, list) or not parts:
            raise RuleError(f"{op} takes a non-empty list of rules")
        results = (evaluate(part, lookup, decisive) for part in parts)
        return all(results) if op == "and" else any(results)
    if op == "not":
        return not evaluate(rule[op], lookup, decisive)
    if op == "decisive":
        fact = rule[op]
        if not isinstance(fact, str):
            raise RuleError(f"decisive takes a fact name, got {fact!r}")
        return decisive is not None and decisive(fact)
    if op in ("answered", "not_answered"):
        value = lookup(str(rule[op]))
        present = value is not None and value != ""
        return present if op == "answered" else not present
    left, right = _pair(rule, op)
    a, b = _value(left, lookup), _value(right, lookup)
    if op in ("equals", "not_equals"):
        same = a is not None and _as_text(a) == _as_text(b)
        return same if op == "equals" else (a is not None and not same)
    if op in ("in", "not_in"):
        if not isinstance(b, list):
            raise RuleError(f"{op} takes [operand, [values]]")
        inside = a is not None and _as_text(a) in {_as_text(v) for v in b}
        return inside if op == "in" else (a is not None and not inside)
    return _compare(op, a, b)


def _leaves(rule: Rule) -> Iterator[tuple[str, Any]]:
    """Every simple rule inside `and`, `or` and `not`, as (operator, operand)."""
    op = _operator(rule)
    if op in ("and", "or"):
        for part in rule[op]:
            yield from _leaves(part)
    elif op == "not":
        yield from _leaves(rule[op])
    else:
        yield op, rule[op]


def answer_references(rule: Rule) -> Iterator[str]:
    """Yield every answer id a rule reads (for dangling-reference checks)."""
    for op, operand in _leaves(rule):
        if op in ("answered", "not_answered"):
            yield str(operand)
        elif op != "decisive":
            for side in _pair({op: operand}, op):
                if isinstance(side, Mapping) and "answer" in side:
                    yield str(side["answer"])


def decisive_facts(rule: Rule) -> Iterator[str]:
    """Yield every fact a rule asks the law engine about (`{decisive: fact}`)."""
    yield from (str(operand) for op, operand in _leaves(rule) if op == "decisive")


def as_text(value: Any) -> str | None:
    """How a literal in a rule compares with a stored answer."""
    return _as_text(value)


def literal_comparisons(rule: Rule) -> Iterator[tuple[str, list[Any]]]:
    """Yield (answer id, literal values) pairs compared with equals/in, to check option values."""
    for op, operand in _leaves(rule):
        if op in ("equals", "not_equals", "in", "not_in"):
            left, right = _pair({op: operand}, op)
            if isinstance(left, Mapping) and "answer" in left and not isinstance(right, Mapping):
                values = right if isinstance(right, list) else [right]
                yield str(left["answer"]), values
