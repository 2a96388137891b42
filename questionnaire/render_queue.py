"""The shared render queue on Redis, for more than one machine: app servers put renders on an
RQ queue, and render workers started on their own (`scripts/render-worker`) take them.

RQ because it needs nothing but Redis, which the servers share already for rate limits; its
worker runs each job in a fresh fork with a hard time limit, so a render's memory and the
person's data go away with the fork. Jobs and results use RQ's JSON serializer, never pickle,
and each job is deleted as soon as its PDF is read back: the report carries personal data."""

from __future__ import annotations

import base64
import logging
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .pdf import render, static_folder
from .render_service import PdfBusy, PdfTooSlow

LOG = logging.getLogger(__name__)
QUEUE_NAME = "shortfall-render"
DESCRIPTION = "PDF report"  # RQ logs a job's description; the default would be its arguments


def render_job(html: str) -> str:
    """Run by a render worker: the PDF for the HTML, as base64 text for the JSON serializer."""
    return base64.b64encode(render(html, str(static_folder()))).decode("ascii")


def _queue(url: str) -> Any:
    from redis import Redis
    from rq import Queue
    from rq.serializers import JSONSerializer

    return Queue(QUEUE_NAME, connection=Redis.from_url(url), serializer=JSONSerializer)


class QueueRenderer:
    """Puts renders on the shared queue and waits for them, within bounds.

    At most `waiting` jobs may be queued across all servers; beyond that, PdfBusy at once.
    A job not started within `wait` seconds is withdrawn (PdfBusy); one that runs past
    `limit` is stopped by its worker (PdfTooSlow)."""

    def __init__(self, url: str, waiting: int, wait: float, limit: float, poll: float = 0.02):
        self.queue = _queue(url)
        self.waiting = waiting
        self.wait = wait
        self.limit = limit
        self.poll = poll

    @contextmanager
    def admission(self) -> Iterator[None]:
        self._check_room()
        yield

    def _check_room(self) -> None:
        from redis.exceptions import RedisError

        try:
            full = self.queue.count >= self.waiting
        except RedisError:
            raise PdfBusy from None
        if full:
            LOG.warning("PDF refused: %d renders are queued already", self.waiting)
            raise PdfBusy

    def render(self, html: str) -> bytes:
        from redis.exceptions import RedisError
        from rq.exceptions import InvalidJobOperation, NoSuchJobError

        self._check_room()  # checked again: others may have queued since the admission
        try:
            job = self.queue.enqueue_call(
                render_job,
                args=(html,),
                timeout=math.ceil(self.limit),
                # The wait is bounded below; this only clears jobs whose server went away.
                ttl=math.ceil(self.wait + self.limit) + 60,
                result_ttl=math.ceil(self.wait + self.limit) + 60,
                failure_ttl=60,
                description=DESCRIPTION,
            )
        except RedisError:
            raise PdfBusy from None
        try:
            return self._result(job)
        except (RedisError, InvalidJobOperation, NoSuchJobError) as error:
            LOG.warning("PDF refused: %s", type(error).__name__)  # Redis or the job went away
            raise PdfBusy from None
        finally:
            self._forget(job)

    def _forget(self, job: Any) -> None:
        """Delete the job and its result now: the HTML and the PDF carry personal data. A job
        still rendering is stopped first, so its result is never written back."""
        from redis.exceptions import RedisError
        from rq.command import send_stop_job_command
        from rq.exceptions import InvalidJobOperation
        from rq.job import JobStatus

        try:
            if job.get_status(refresh=True) == JobStatus.STARTED:
                send_stop_job_command(self.queue.connection, job.id)
        except (RedisError, InvalidJobOperation):
            pass  # finished or gone meanwhile
        try:
            job.delete()
        except (RedisError, InvalidJobOperation):
            pass  # gone already, or Redis is down and the job's own expiry clears it

    def _result(self, job: Any) -> bytes:
        from rq.job import JobStatus

        queued_until = time.monotonic() + self.wait
        running_until: float | None = None
        while True:
            status = job.get_status(refresh=True)
            if status == JobStatus.FINISHED:
                result = job.latest_result()
                if result is None or not isinstance(result.return_value, str):
                    LOG.warning("PDF refused: the finished job has no result")
                    raise PdfBusy
                return base64.b64decode(result.return_value)
            if status == JobStatus.FAILED:
                result = job.latest_result()
                timed_out = result is not None and "JobTimeoutException" in (
                    result.exc_string or ""
                )
                LOG.warning("PDF refused: the render failed%s", " (time limit)" * timed_out)
                raise PdfTooSlow if timed_out else PdfBusy
            if status == JobStatus.STARTED and running_until is None:
                running_until = time.monotonic() + self.limit + 5
            now = time.monotonic()
            if running_until is None and now >= queued_until:
                LOG.warning("PDF refused: no render worker took it within %.0f s", self.wait)
                raise PdfBusy
            if running_until is not None and now >= running_until:
                LOG.warning("PDF refused: the render ran past %.0f s", self.limit)
                raise PdfTooSlow
            if status not in (JobStatus.QUEUED, JobStatus.STARTED, JobStatus.DEFERRED):
                LOG.warning("PDF refused: the job was %s", status)  # stopped, cancelled…
                raise PdfBusy
            time.sleep(self.poll)


def run_workers(url: str, processes: int, niceness: int, burst: bool = False) -> None:
    """Start `processes` render workers on this machine (one per core is right), and block."""
    from redis import Redis
    from rq import Worker
    from rq.serializers import JSONSerializer
    from rq.worker_pool import WorkerPool

    from .render_service import lower_priority

    lower_priority(niceness)
    render("<p>warm-up</p>", str(static_folder()))  # each job's fork starts warm
    connection = Redis.from_url(url)
    if processes == 1:
        worker = Worker([QUEUE_NAME], connection=connection, serializer=JSONSerializer)
        worker.work(burst=burst, logging_level="INFO")
        return
    pool = WorkerPool(
        [QUEUE_NAME], connection=connection, num_workers=processes, serializer=JSONSerializer
    )
    pool.start(burst=burst, logging_level="INFO")


def main(argv: list[str] | None = None) -> None:
    """`scripts/render-worker`: render workers for the queue at $SHORTFALL_RENDER_QUEUE."""
    import argparse
    import os
    import sys

    from .pdf import default_workers

    parser = argparse.ArgumentParser(prog="render-worker", description=main.__doc__)
    parser.add_argument("--processes", type=int, default=0, help="default: one per core")
    parser.add_argument("--niceness", type=int, default=10, help="lower priority (default 10)")
    parser.add_argument("--burst", action="store_true", help="stop when the queue is empty")
    args = parser.parse_args(argv)
    url = os.environ.get("SHORTFALL_RENDER_QUEUE", "")
    if not url:
        sys.exit(
            "SHORTFALL_RENDER_QUEUE is not set. Set it to the Redis URL the app servers use "
            "for the render queue, e.g. redis://10.0.0.5:6379/1"
        )
    run_workers(url, args.processes or default_workers(), args.niceness, args.burst)


if __name__ == "__main__":
    main()
