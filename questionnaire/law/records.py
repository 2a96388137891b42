"""Copies of the engine's frozen records with some fields changed, made cheaply."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any, TypeVar

R = TypeVar("R")

_FIELDS: dict[type, frozenset[str]] = {}


def evolve(record: R, **changes: Any) -> R:
    """What `dataclasses.replace` gives for our records, without calling the generated
    `__init__` (a frozen record's sets every field through `object.__setattr__`, the cost
    of most of a copy). For dataclasses with no `__post_init__` and every field in `__init__`;
    others, and unknown names, go to `dataclasses.replace` (which says what is wrong)."""
    kind = type(record)
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = _plain_fields(kind)
    if not names or not names.issuperset(changes):
        return dataclasses.replace(record, **changes)  # type: ignore[type-var]
    copy: R = object.__new__(kind)
    copy.__dict__.update(record.__dict__)
    copy.__dict__.update(changes)
    return copy


def _plain_fields(kind: type) -> frozenset[str]:
    """The field names, or none when a copy must go through `__init__`."""
    if not dataclasses.is_dataclass(kind) or hasattr(kind, "__post_init__"):
        return frozenset()
    if hasattr(kind, "__slots__") or any(
        isinstance(value, functools.cached_property)  # a kept value would be copied stale
        for klass in kind.__mro__
        for value in vars(klass).values()
    ):
        return frozenset()
    fields = dataclasses.fields(kind)
    if any(not f.init for f in fields):
        return frozenset()
    return frozenset(f.name for f in fields)
