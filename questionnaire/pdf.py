"""The PDF report: WeasyPrint with a fetcher that reads only our own static files, a render
slot per core with a bounded wait, a time limit, and a cache keyed by the answers."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

BASE_URL = "https://shortfall.invalid/"  # never contacted: the fetcher maps it to static/
STATIC_PREFIX = BASE_URL + "static/"
TYPES = {
    ".css": "text/css",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}


class PdfBusy(Exception):
    """Every render slot stayed busy for the whole wait."""


class PdfTooSlow(Exception):
    """A render ran past the time limit and was stopped."""


def make_fetcher(static_dir: Path, refused: list[str] | None = None) -> Any:
    """A WeasyPrint URL fetcher that serves files under static/ and refuses everything else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    root = static_dir.resolve()

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith(STATIC_PREFIX):
                relative = url[len(STATIC_PREFIX) :].split("?")[0].split("#")[0]
                path = (root / relative).resolve()
                if root in path.parents and path.is_file() and path.suffix in TYPES:
                    return URLFetcherResponse(
                        url, path.read_bytes(), {"Content-Type": TYPES[path.suffix]}
                    )
            if refused is not None:
                refused.append(url)
            # Not fatal: the image or link is left out and the report still renders.
            raise ValueError("only the app's own static files may be used in a PDF")

    return StaticOnlyFetcher(allowed_protocols={"https"}, allow_redirects=False)


_FONTS: list[Any] = []  # one font configuration per process: a new one per render leaks


def render(html: str, static_dir: str, refused: list[str] | None = None) -> bytes:
    """Render tagged PDF/UA bytes from HTML (runs in a worker process)."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    if not _FONTS:
        _FONTS.append(FontConfiguration())
    fetcher = make_fetcher(Path(static_dir), refused)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1", font_config=_FONTS[0])
    return pdf


class PdfService:
    """Renders PDFs in worker processes, one per core, with a wait limit and a time limit."""

    def __init__(self, static_dir: Path, workers: int, wait: float, limit: float, cache: int):
        self.static_dir = str(static_dir)
        self.workers = workers
        self.wait = wait
        self.limit = limit
        self.cache_size = cache
        self._slots = threading.BoundedSemaphore(workers)
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._cache: OrderedDict[str, bytes] = OrderedDict()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                context = multiprocessing.get_context("spawn")
                # Fresh worker processes now and then keep memory flat over thousands of renders.
                self._pool = ProcessPoolExecutor(
                    max_workers=self.workers, mp_context=context, max_tasks_per_child=200
                )
            return self._pool

    def _reset(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()  # a render past its time limit cannot be stopped any other way
            pool.shutdown(wait=False, cancel_futures=True)

    def pdf(self, key: str, html: str, keep: bool = True) -> bytes:
        """The PDF for this content, from the cache when the same answers were rendered.

        `keep=False` renders without keeping the result: a PDF with a person's name on its
        cover is never held in memory after it is sent."""
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        if not self._slots.acquire(timeout=self.wait):
            raise PdfBusy
        try:
            future = self._executor().submit(render, html, self.static_dir)
            try:
                data = future.result(timeout=self.limit)
            except FutureTimeout:
                self._reset()
                raise PdfTooSlow from None
            except BrokenProcessPool:
                self._reset()  # a worker died (out of memory, killed): start fresh next time
                raise PdfBusy from None
        finally:
            self._slots.release()
        if not keep:
            return data
        with self._lock:
            self._cache[key] = data
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return data


def cache_key(*parts: str) -> str:
    """A key for the PDF cache from the inputs that shape the document."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def default_workers() -> int:
    """One render per core."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)
