"""Values worked out once per process from content objects (law files, options), never from
people's data: the content is loaded once and read by every request."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# (owners' ids, name) -> (weak references to the owners, the value). The content models are
# frozen and compare by value, so a value cannot be kept on them; the weak references tell an
# owner from a new object that was given a dead one's id.
_KEPT: dict[tuple[tuple[int, ...], str], tuple[tuple[Any, ...], Any]] = {}
MOST = 100_000  # content loaded again and again (tests) is dropped past this many values


def once(owners: tuple[object, ...], name: str, build: Callable[[], T]) -> T:
    """`build()`, the first time it is asked for these content objects and this name."""
    key = (tuple(map(id, owners)), name)
    kept = _KEPT.get(key)
    if kept is not None and _alive(kept[0], owners):
        value: T = kept[1]
        return value
    value = build()
    if len(_KEPT) >= MOST:
        _KEPT.clear()
    _KEPT[key] = (tuple(weakref.ref(owner) for owner in owners), value)
    return value


def _alive(refs: tuple[Any, ...], owners: tuple[object, ...]) -> bool:
    """Whether the kept references still point at these very owners."""
    if len(owners) == 1:  # the usual cases, without a loop
        return bool(refs[0]() is owners[0])
    if len(owners) == 2:
        return bool(refs[0]() is owners[0] and refs[1]() is owners[1])
    return all(ref() is owner for ref, owner in zip(refs, owners, strict=True))
