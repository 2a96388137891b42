"""Several processes migrating one fresh database at the same moment, as servers do at start."""

from __future__ import annotations

import multiprocessing
from typing import Any


def _migrate(url: str, barrier: Any, results: Any, index: int) -> None:
    from questionnaire.database import make_engine, upgrade

    engine = make_engine(url)
    barrier.wait()
    try:
        upgrade(engine)
        results[index] = "ok"
    except Exception as error:
        results[index] = f"{type(error).__name__}: {error}"[:200]
    finally:
        engine.dispose()


def migrate_at_once(url: str, processes: int = 4) -> list[str]:
    """What each process's migration ended with ('ok' or the error)."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(processes)
    manager = context.Manager()
    results = manager.list([""] * processes)
    workers = [
        context.Process(target=_migrate, args=(url, barrier, results, i)) for i in range(processes)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    found = list(results)
    manager.shutdown()
    return found
