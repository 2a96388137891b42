"""The render queue on Redis: app servers hand renders to render workers started on their own,
bounded like the embedded renderer, and nothing of the person's report is left in Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from .conftest import make_app
from .test_pdf import CASE, text_of

ROOT = Path(__file__).resolve().parent.parent
NAME = "Zelda Quintero-Bright"


def _job_keys(redis_url: str) -> list[bytes]:
    from redis import Redis

    keys = Redis.from_url(redis_url).keys("rq:*")
    return [k for k in keys if k.startswith((b"rq:job:", b"rq:results:"))]


def test_renders_go_through_the_queue_and_leave_nothing_behind(
    redis_url: str, render_worker: tuple[subprocess.Popen[bytes], Path], tmp_path: Path
) -> None:
    _worker, log = render_worker
    app = make_app(f"sqlite:///{tmp_path / 'q.sqlite3'}", RENDER_QUEUE_URL=redis_url)
    client = app.test_client()
    response = client.post("/api/v1/report.pdf", json={**CASE, "name_on_cover": NAME})
    assert response.status_code == 200, response.data[:300]
    assert response.data.startswith(b"%PDF")
    assert NAME in text_of(response.data) and "Texas" in text_of(response.data)
    # Two people at once with one render process: the second waits its turn, both get a PDF.
    results: list[Any] = []

    def download(name: str) -> None:
        with app.test_client() as other:
            results.append(other.post("/api/v1/report.pdf", json={**CASE, "name_on_cover": name}))

    threads = [threading.Thread(target=download, args=(n,)) for n in ("Ana", "Luis")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(r.status_code for r in results) == [200, 200]
    assert {"Ana", "Luis"} == {n for r in results for n in ("Ana", "Luis") if n in text_of(r.data)}
    assert _job_keys(redis_url) == []  # jobs and results deleted once read
    assert NAME not in log.read_text()  # the worker's log names the job, not its contents
    assert "PDF report" in log.read_text()


def test_no_free_worker_means_503_within_the_wait(redis_url: str, tmp_path: Path) -> None:
    app = make_app(
        f"sqlite:///{tmp_path / 'q.sqlite3'}", RENDER_QUEUE_URL=redis_url, PDF_WAIT_SECONDS=0.5
    )
    client = app.test_client()
    asked = time.monotonic()
    response = client.post("/api/v1/report.pdf", json={**CASE, "name_on_cover": NAME})
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert 0.5 <= time.monotonic() - asked < 5
    assert _job_keys(redis_url) == []  # the withdrawn job does not stay behind


def test_a_full_queue_answers_503_at_once(redis_url: str, tmp_path: Path) -> None:
    from questionnaire.render_queue import QueueRenderer

    app = make_app(f"sqlite:///{tmp_path / 'q.sqlite3'}", RENDER_QUEUE_URL=redis_url, PDF_QUEUE=1)
    QueueRenderer(redis_url, waiting=1, wait=30, limit=30).queue.enqueue_call(
        "questionnaire.render_queue.render_job", args=("<p>x</p>",)
    )  # someone else's render is waiting, and there is room for one
    asked = time.monotonic()
    response = app.test_client().post("/api/v1/report.pdf", json=CASE)
    assert response.status_code == 503 and time.monotonic() - asked < 1
    assert response.json and "Try again" in response.json["errors"][0]["message"]


def test_the_worker_command_explains_a_missing_queue_setting() -> None:
    env = {k: v for k, v in os.environ.items() if k != "SHORTFALL_RENDER_QUEUE"}
    done = subprocess.run(
        [sys.executable, "-m", "questionnaire.render_queue"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "SHORTFALL_RENDER_QUEUE is not set" in done.stderr


def test_a_job_that_vanishes_from_redis_is_a_503_not_a_500(redis_url: str) -> None:
    """Redis may drop a job (a flush, a failover, an expiry): the person gets "try again"."""
    from redis import Redis

    from questionnaire.render_queue import QueueRenderer
    from questionnaire.render_service import PdfBusy

    renderer = QueueRenderer(redis_url, waiting=4, wait=5, limit=5)

    def drop_the_jobs() -> None:
        time.sleep(0.3)
        connection = Redis.from_url(redis_url)
        for key in connection.keys("rq:job:*"):
            connection.delete(key)

    dropper = threading.Thread(target=drop_the_jobs)
    dropper.start()
    asked = time.monotonic()
    with pytest.raises(PdfBusy):
        renderer.render("<p>x</p>")
    dropper.join()
    assert time.monotonic() - asked < 3
