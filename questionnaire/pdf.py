"""The PDF report: WeasyPrint with a fetcher that reads only our own static files."""

from __future__ import annotations

import atexit
import gc
import os
import zlib
from collections.abc import Callable
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
    if not _FETCHER:
        _FETCHER.append(_fetcher_class())
    fetcher = _FETCHER[0](allowed_protocols={"https"}, allow_redirects=False)
    fetcher.root = static_dir.resolve()
    fetcher.refused = refused
    return fetcher


def _fetcher_class() -> Any:
    """The fetcher class, made once per process (WeasyPrint is imported only where PDFs render)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        root: Path
        refused: list[str] | None

        def fetch(self, url: str, headers: Any = None) -> Any:
            root = self.root
            if url.startswith(STATIC_PREFIX):
                relative = url[len(STATIC_PREFIX) :].split("?")[0].split("#")[0]
                path = (root / relative).resolve()
                if root in path.parents and path.is_file() and path.suffix in TYPES:
                    return URLFetcherResponse(
                        url, path.read_bytes(), {"Content-Type": TYPES[path.suffix]}
                    )
            if self.refused is not None:
                self.refused.append(url)
            # Not fatal: the image or link is left out and the report still renders.
            raise ValueError("only the app's own static files may be used in a PDF")

    return StaticOnlyFetcher


# Made once per process, in the process that renders (WeasyPrint is imported only there):
_FETCHER: list[Any] = []  # the fetcher class
_FONTS: list[Any] = []  # one font configuration per process: a new one per render leaks
_HTML: list[Any] = []  # WeasyPrint's HTML class with our user-agent stylesheet
_STYLESHEETS: dict[Path, Any] = {}  # the PDF's stylesheet, parsed, per static folder
_ROOMY: list[Callable[[Callable[[], bytes]], bytes]] = []  # see ROOMY_SLOTS

# The PDF's own stylesheet (no USWDS), given to WeasyPrint parsed rather than linked from the
# page, so it is not parsed again, nor its fonts loaded again, for every render.
STYLESHEETS = ("css/print.css", "css/bars.css")

# Rules of WeasyPrint's user-agent stylesheet that a report never uses but that give every
# element of the page six extra pseudo-element styles to compute: footnotes and notes
# (`float: footnote`), and `::marker` on elements that are not list items.
UA_UNUSED = (
    "::footnote-call {",
    "::footnote-marker {",
    "::note-call {",
    "::note-marker {",
    "::note-callback {",
)
UA_MARKER = ("\n::marker {", "\nli::marker {")

# Streams compressed at zlib level 6 rather than pydyf's 9: a quarter of the time, 2% larger.
COMPRESSION = 6

# CPython 3.11 keeps the Python call stack in 16 KB chunks and frees a chunk as soon as the call
# that opened it returns. A render's calls nest about 70 deep, so the calls that cross a chunk's
# end map and unmap one again and again: 700 to 5,800 times a render, depending on how deep the
# caller stands, 7 to 60 ms of system time (python/cpython#142183; 3.13 and 3.14 now keep a
# spare chunk). A call whose frame has this many local slots (8 bytes each) fits in no 16 KB
# chunk, so CPython opens a 256 KB chunk for it, and the whole render runs in the 135 KB left
# in that chunk: no chunk is mapped during a render, even for pages nested 40 levels deeper.
ROOMY_SLOTS = 15400


def _stylesheet(static_dir: Path) -> Any:
    """print.css and bars.css as one parsed stylesheet, made once per process."""
    from weasyprint import CSS

    sheet = _STYLESHEETS.get(static_dir)
    if sheet is None:
        text = "\n".join((static_dir / name).read_text(encoding="utf-8") for name in STYLESHEETS)
        sheet = CSS(
            string=text,
            base_url=STATIC_PREFIX + "css/",
            url_fetcher=make_fetcher(static_dir),
            font_config=_FONTS[0],
        )
        _STYLESHEETS[static_dir] = sheet
    return sheet


def _html_class() -> Any:
    """WeasyPrint's HTML, with its user-agent stylesheet less the rules in UA_UNUSED.

    If a WeasyPrint release changes those rules, the stock stylesheet is kept."""
    import weasyprint
    from weasyprint import CSS, HTML
    from weasyprint.html import UA_COUNTER_STYLE, UA_FORM_STYLESHEET, UA_STYLESHEET

    text = (Path(weasyprint.__file__).parent / "css" / "html5_ua.css").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(UA_UNUSED)]
    trimmed = "".join(kept).replace(*UA_MARKER)
    if len(lines) - len(kept) != len(UA_UNUSED) or trimmed.count(UA_MARKER[1]) != 1:
        sheet = UA_STYLESHEET
    else:
        sheet = CSS(string=trimmed, counter_style=UA_COUNTER_STYLE)

    class ReportHTML(HTML):
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [sheet, UA_FORM_STYLESHEET] if forms else [sheet]

    return ReportHTML


def _compress(document: Any, pdf: Any) -> None:
    """Compress the page, font and metadata streams before pydyf does it more slowly."""
    import pydyf

    for item in pdf.objects:
        if isinstance(item, pydyf.Stream) and item.compress and "Filter" not in item.extra:
            data = b"\n".join(pydyf._to_bytes(part) for part in item.stream)
            item.stream = [zlib.compress(data, COMPRESSION)]
            item.extra["Filter"] = "/FlateDecode"
            item.compress = False


def _roomy_call() -> Callable[[Callable[[], bytes]], bytes]:
    """`call(job)` runs `job()` from a frame of ROOMY_SLOTS local slots (never assigned)."""
    names = " = ".join(f"_{number}" for number in range(ROOMY_SLOTS))
    source = f"def call(job):\n    if job is None:\n        {names} = None\n    return job()\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, "<roomy frame>", "exec"), namespace)
    call: Callable[[Callable[[], bytes]], bytes] = namespace["call"]
    return call


def _release() -> None:
    """At exit, while WeasyPrint is still whole: drop the per-process objects, so the font
    configuration removes its temporary folder of font files."""
    _STYLESHEETS.clear()
    _HTML.clear()
    _FONTS.clear()
    gc.collect()


def render(html: str, static_dir: str, refused: list[str] | None = None) -> bytes:
    """Render tagged PDF/UA bytes from HTML (runs in a worker process)."""
    from weasyprint.text.fonts import FontConfiguration

    if not _FONTS:
        _FONTS.append(FontConfiguration())
        _HTML.append(_html_class())
        _ROOMY.append(_roomy_call())
        atexit.register(_release)
    static = Path(static_dir).resolve()
    stylesheet = _stylesheet(static)
    fetcher = make_fetcher(static, refused)
    # A render makes hundreds of thousands of objects. With the cycle collector on, it runs some
    # 80 times a render and walks the half-built pages again and again; off during the render,
    # one collection soon after (at the process's next allocations) frees the render's cycles.
    collecting = gc.isenabled()
    gc.disable()

    def job() -> bytes:
        document = _HTML[0](string=html, base_url=BASE_URL, url_fetcher=fetcher)
        pdf: bytes = document.write_pdf(
            pdf_variant="pdf/ua-1",
            font_config=_FONTS[0],
            stylesheets=[stylesheet],
            finisher=_compress,
        )
        return pdf

    try:
        return _ROOMY[0](job)
    finally:
        if collecting:
            gc.enable()


def static_folder() -> Path:
    """The app's static files, wherever the code runs (a web server or a render worker)."""
    return Path(__file__).resolve().parent.parent / "static"


def default_workers() -> int:
    """One render per core."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)
