"""Render slots and waiting places shared by every web worker on the machine, held as file locks.

A PDF request first takes a place (there are slots + queue of them): with none free it is
turned away at once. Holding a place, it waits a bounded time for a slot, renders, and gives
both back. The locks are `flock` locks on files in one folder, so they count across processes
and are released by the kernel when a process dies, even by kill -9."""

from __future__ import annotations

import fcntl
import os
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class NoSlot(Exception):
    """No place in the queue, or no slot free within the wait."""


class MachineSlots:
    """At most `slots` renders at once on this machine, and at most `queue` waiting for one."""

    def __init__(self, folder: Path, slots: int, queue: int, poll: float = 0.02) -> None:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.slots = [folder / f"slot-{n}.lock" for n in range(slots)]
        self.places = [folder / f"place-{n}.lock" for n in range(slots + queue)]
        self.poll = poll
        self._held = threading.local()

    @contextmanager
    def place(self) -> Iterator[None]:
        """Hold a place in the queue for the block, or NoSlot at once if there is none.

        Taken before the work that precedes a render, so a request that will be turned away
        costs next to nothing. Inside the block, `slot` uses this place."""
        if getattr(self._held, "place", None) is not None:
            yield  # this thread holds a place already
            return
        place = _take_one(self.places)
        if place is None:
            raise NoSlot("the render queue is full")
        self._held.place = place
        try:
            yield
        finally:
            self._held.place = None
            _give_back(place)

    @contextmanager
    def slot(self, wait: float) -> Iterator[None]:
        """Hold a render slot for the block; NoSlot if the queue is full or the wait runs out."""
        with self.place():
            deadline = time.monotonic() + wait
            held = _take_one(self.slots)
            while held is None:
                if time.monotonic() >= deadline:
                    raise NoSlot("no render slot came free in time")
                time.sleep(self.poll)
                held = _take_one(self.slots)
            try:
                yield
            finally:
                _give_back(held)

    def in_use(self) -> tuple[int, int]:
        """How many slots and places are held right now (for health checks and tests)."""
        return _count_held(self.slots), _count_held(self.places)


def _take_one(paths: list[Path]) -> int | None:
    """Lock the first free file of `paths` (tried in random order) and return its descriptor."""
    for path in random.sample(paths, len(paths)):
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            continue
        return descriptor
    return None


def _give_back(descriptor: int) -> None:
    fcntl.flock(descriptor, fcntl.LOCK_UN)
    os.close(descriptor)


def _count_held(paths: list[Path]) -> int:
    held = 0
    for path in paths:
        descriptor = _take_one([path])
        if descriptor is None:
            held += 1
        else:
            _give_back(descriptor)
    return held
