"""The PDF renderers: this machine's render processes (the embedded default) or the shared
render queue on Redis. No PDF is kept once it is sent: it holds a person's figures."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol

from .pdf import render
from .render_slots import MachineSlots, NoSlot


class PdfBusy(Exception):
    """Too many PDFs are waiting or rendering: ask the person to try again later."""


class PdfTooSlow(Exception):
    """A render ran past the time limit and was stopped."""


class Renderer(Protocol):
    """Something that turns report HTML into PDF bytes, or raises PdfBusy / PdfTooSlow."""

    def admission(self) -> AbstractContextManager[None]:
        """A place in the queue for one PDF, or PdfBusy at once when there is none."""
        ...

    def render(self, html: str) -> bytes: ...


def lower_priority(niceness: int) -> None:
    """Run this render process after page requests when the cores are busy."""
    if niceness:
        os.nice(niceness)


class LocalRenderer:
    """Renders in processes of this web worker, under render slots shared by the machine.

    Every web worker has its own pool, but a render needs one of the machine's slots, so no
    more renders run at once than the machine has slots, however many workers there are."""

    def __init__(
        self,
        static_dir: Path,
        slots: MachineSlots,
        processes: int,
        wait: float,
        limit: float,
        niceness: int = 10,
    ) -> None:
        self.static_dir = str(static_dir)
        self.slots = slots
        self.processes = processes
        self.wait = wait
        self.limit = limit
        self.niceness = niceness
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # Fresh render processes now and then keep memory flat over many renders.
                self._pool = ProcessPoolExecutor(
                    max_workers=self.processes,
                    mp_context=multiprocessing.get_context("spawn"),
                    max_tasks_per_child=200,
                    initializer=lower_priority,
                    initargs=(self.niceness,),
                )
            return self._pool

    def _reset(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()  # a render past its time limit cannot be stopped any other way
            pool.shutdown(wait=False, cancel_futures=True)

    @contextmanager
    def admission(self) -> Iterator[None]:
        try:
            with self.slots.place():
                yield
        except NoSlot:
            raise PdfBusy from None

    def render(self, html: str) -> bytes:
        try:
            with self.slots.slot(self.wait):
                future = self._executor().submit(render, html, self.static_dir)
                try:
                    return future.result(timeout=self.limit)
                except FutureTimeout:
                    self._reset()
                    raise PdfTooSlow from None
                except BrokenProcessPool:
                    self._reset()  # a render process died (out of memory, killed)
                    raise PdfBusy from None
        except NoSlot:
            raise PdfBusy from None
