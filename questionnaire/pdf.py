"""The PDF report: WeasyPrint with a fetcher that reads only our own static files."""

from __future__ import annotations

import hashlib
import os
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


def static_folder() -> Path:
    """The app's static files, wherever the code runs (a web server or a render worker)."""
    return Path(__file__).resolve().parent.parent / "static"


def cache_key(*parts: str) -> str:
    """A key for the PDF cache from the inputs that shape the document."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def default_workers() -> int:
    """One render per core."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)
