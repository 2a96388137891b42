"""PDF renders on one machine: slots shared by every web worker, a bounded queue, a lower
priority for render processes, a time limit; and a 503 at once when the queue is full."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from questionnaire.render_service import LocalRenderer, PdfBusy, PdfTooSlow
from questionnaire.render_slots import MachineSlots, NoSlot

from .test_pdf import CASE

ROOT = Path(__file__).resolve().parent.parent
HTML = '<html lang="en"><head><title>t</title></head><body><p>Hello</p></body></html>'
FORK = multiprocessing.get_context("fork")


def _hold_a_slot(folder: Path, start: Any, log: Any, hold: float) -> None:
    """One web worker asking for a render slot: log when it got one and when it gave it back,
    or that it was turned away and how long that took."""
    slots = MachineSlots(folder, slots=2, queue=1)
    start.wait()
    asked = time.monotonic()
    try:
        with slots.slot(wait=10):
            got = time.monotonic()
            time.sleep(hold)
            log.put(("rendered", got, time.monotonic()))
    except NoSlot:
        log.put(("refused", asked, time.monotonic()))


def test_slots_count_across_processes_and_the_queue_is_bounded(tmp_path: Path) -> None:
    """Six workers at once, two slots and one waiting place: two render at once, the third
    waits its turn, and the other three are turned away at once instead of waiting."""
    start, log = FORK.Barrier(6), FORK.Queue()
    workers = [
        FORK.Process(target=_hold_a_slot, args=(tmp_path, start, log, 1.0)) for _ in range(6)
    ]
    for worker in workers:
        worker.start()
    results = [log.get(timeout=30) for _ in workers]
    for worker in workers:
        worker.join(10)
    rendered = [(got, done) for kind, got, done in results if kind == "rendered"]
    refused = [done - asked for kind, asked, done in results if kind == "refused"]
    assert len(rendered) == 3 and len(refused) == 3
    assert max(refused) < 0.5  # turned away at once, not after a wait
    # Never more than two at the same moment.
    for got, _done in rendered:
        assert sum(1 for other_got, other_done in rendered if other_got <= got < other_done) <= 2
    assert MachineSlots(tmp_path, slots=2, queue=1).in_use() == (0, 0)


def _hold_forever(folder: Path, ready: Any) -> None:
    with MachineSlots(folder, slots=1, queue=0).slot(wait=1):
        ready.set()
        time.sleep(60)


def test_a_killed_worker_gives_its_slot_back(tmp_path: Path) -> None:
    ready = FORK.Event()
    holder = FORK.Process(target=_hold_forever, args=(tmp_path, ready))
    holder.start()
    assert ready.wait(10)
    slots = MachineSlots(tmp_path, slots=1, queue=0)
    assert slots.in_use() == (1, 1)
    with pytest.raises(NoSlot), slots.slot(wait=0.1):
        pass
    assert holder.pid is not None
    os.kill(holder.pid, signal.SIGKILL)
    holder.join(10)
    with slots.slot(wait=1):
        assert slots.in_use() == (1, 1)
    assert slots.in_use() == (0, 0)


def test_a_waiting_request_gives_up_after_the_wait(tmp_path: Path) -> None:
    slots = MachineSlots(tmp_path, slots=1, queue=1)
    with slots.slot(wait=1):
        asked = time.monotonic()
        with pytest.raises(NoSlot), slots.slot(wait=0.3):
            pass
        assert 0.3 <= time.monotonic() - asked < 2
    assert slots.in_use() == (0, 0)  # the place in the queue was given back too


def test_renders_run_at_a_lower_priority_and_within_the_time_limit(tmp_path: Path) -> None:
    slots = MachineSlots(tmp_path, slots=1, queue=1)
    renderer = LocalRenderer(ROOT / "static", slots, processes=1, wait=5, limit=60, niceness=7)
    assert renderer.render(HTML).startswith(b"%PDF")
    pool = renderer._executor()
    (process,) = list(pool._processes.values())  # type: ignore[attr-defined]
    assert os.getpriority(os.PRIO_PROCESS, process.pid) == os.getpriority(os.PRIO_PROCESS, 0) + 7
    renderer.limit = 0.001
    with pytest.raises(PdfTooSlow):
        renderer.render(HTML.replace("Hello", "Hello again"))
    process.join(5)
    assert not process.is_alive()  # the render past its limit was stopped
    assert slots.in_use() == (0, 0)
    renderer.limit = 60
    assert renderer.render(HTML).startswith(b"%PDF")  # a fresh process after the reset
    renderer._reset()


def test_a_full_queue_answers_busy_without_waiting(tmp_path: Path) -> None:
    slots = MachineSlots(tmp_path, slots=1, queue=0)
    renderer = LocalRenderer(ROOT / "static", slots, processes=1, wait=30, limit=60)
    with MachineSlots(tmp_path, slots=1, queue=0).slot(wait=1):
        asked = time.monotonic()
        with pytest.raises(PdfBusy):
            renderer.render(HTML)
        assert time.monotonic() - asked < 0.5


def test_a_full_queue_is_answered_before_the_report_is_prepared(
    app: Flask, client: FlaskClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A request that will be turned away must cost next to nothing: no report is built."""
    from questionnaire.web import report

    app.config.update(PDF_SLOTS_DIR=tmp_path, PDF_WORKERS=1, PDF_QUEUE=0)
    built: list[str] = []
    monkeypatch.setattr(report, "report_context", lambda case: built.append("x") or {})
    with MachineSlots(tmp_path, slots=1, queue=0).slot(wait=1):
        response = client.post("/api/v1/report.pdf", json=CASE)
    assert response.status_code == 503 and built == []
