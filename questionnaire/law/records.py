"""The engine's frozen records made and copied cheaply: `fast_init` (an `__init__` that fills
every field at once) and `evolve` (a copy with some fields changed)."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any, TypeVar

R = TypeVar("R")
T = TypeVar("T", bound=type)

_FIELDS: dict[type, frozenset[str]] = {}
_NO_VALUE = object()  # an argument left out, for a field with a default factory


def fast_init(kind: T) -> T:
    """A frozen dataclass given an `__init__` that writes its fields straight into the record.

    (Put above `@dataclass(frozen=True)`.) The `__init__` dataclasses generates for a frozen
    class sets each field through `object.__setattr__`, a call per field, and the engine makes
    scores of records an answer. This one takes the same arguments, with the same defaults
    and default factories, and gives the same record. A class it cannot fill that way keeps
    its own `__init__`: one not frozen, with `__post_init__`, slots, keyword-only or non-init
    fields, or a field named like the method's own names."""
    params = getattr(kind, "__dataclass_params__", None)
    if params is None or not params.frozen:
        return kind
    fields = dataclasses.fields(kind)
    if (
        hasattr(kind, "__post_init__")
        or hasattr(kind, "__slots__")
        or any(not f.init or f.kw_only for f in fields)
        or any(f.name == "self" or f.name.startswith("_") for f in fields)
    ):
        return kind
    namespace: dict[str, Any] = {"_NO_VALUE": _NO_VALUE}
    arguments, values = [], []
    for f in fields:
        value = f.name
        if f.default is not dataclasses.MISSING:
            namespace[f"_default_{f.name}"] = f.default
            arguments.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not dataclasses.MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            arguments.append(f"{f.name}=_NO_VALUE")
            value = f"_factory_{f.name}() if {f.name} is _NO_VALUE else {f.name}"
        else:
            arguments.append(f.name)
        values.append(f"{f.name!r}: {value}")
    source = (
        f"def __init__(self, {', '.join(arguments)}):\n"
        f"    self.__dict__.update({{{', '.join(values)}}})\n"
    )
    exec(source, namespace)  # the way dataclasses makes its own __init__
    init = namespace["__init__"]
    init.__qualname__ = f"{kind.__qualname__}.__init__"
    init.__wrapped__ = vars(kind)["__init__"]  # dataclasses' own (the tests compare them)
    kind.__init__ = init  # type: ignore[misc]
    return kind


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
