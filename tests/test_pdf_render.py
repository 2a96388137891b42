"""How a PDF is rendered: our fonts, list tagging, one parsed stylesheet per process, the trimmed
user-agent stylesheet changing nothing, and the cycle collector given back after a render."""

from __future__ import annotations

import datetime as dt
import gc
import io
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from pypdf import PdfReader

from questionnaire import pdf
from questionnaire.law.case import read_case
from questionnaire.web.report import page_numbers, render_report, report_context

from .test_pdf import CASE

STATIC = Path(__file__).resolve().parent.parent / "static"
TWO_LOANS = {
    **CASE,
    "loans": [
        {"lien": "first", "purpose": "purchase", "principal": "275000"},
        {"lien": "second", "purpose": "heloc", "principal": "30000"},
    ],
}


@pytest.fixture
def report_html(app: Flask) -> str:
    day = dt.date(2026, 11, 25)
    with app.test_request_context():
        case = read_case(TWO_LOANS, day)
        return render_report(
            "report_pdf.html",
            report_context(case),
            pdf=True,
            name="",
            generated=day,
            record=[],
            page_numbers=page_numbers,
        )


def fonts_of(data: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def structure(data: bytes) -> list[str]:
    """The structure tree's element types, depth first, indented by depth."""
    found: list[str] = []

    def walk(node: Any, depth: int) -> None:
        node = node.get_object()
        if "/S" in node:
            found.append("  " * depth + str(node["/S"]))
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if hasattr(kid, "get") and "/S" in kid:
                walk(kid, depth + 1)

    walk(PdfReader(io.BytesIO(data)).trailer["/Root"]["/StructTreeRoot"], 0)
    return found


def test_the_report_is_set_in_source_sans_pro(report_html: str) -> None:
    fonts = fonts_of(pdf.render(report_html, str(STATIC)))
    assert {"Source-Sans-Pro", "Source-Sans-Pro-Bold"} <= fonts, fonts


def test_bullets_are_labels_of_their_list_items(report_html: str) -> None:
    """Each bullet or number is an Lbl right under its LI (an inside marker would put it in the
    item's body: PDF/UA checkers refuse that)."""
    tree = structure(pdf.render(report_html, str(STATIC)))
    labels = 0
    for i, line in enumerate(tree):
        if line.strip() == "/Lbl":
            labels += 1
            depth = len(line) - len(line.lstrip())
            parent = next(p for p in reversed(tree[:i]) if len(p) - len(p.lstrip()) < depth)
            assert parent.strip() == "/LI", (i, parent)
    assert labels > 20


def test_the_stylesheet_is_parsed_once_per_process(report_html: str) -> None:
    assert "<link" not in report_html  # given to WeasyPrint parsed, not fetched by the page
    pdf.render(report_html, str(STATIC))
    sheet = pdf._STYLESHEETS[STATIC.resolve()]
    refused: list[str] = []
    pdf.render(report_html, str(STATIC), refused)
    assert pdf._STYLESHEETS[STATIC.resolve()] is sheet
    assert refused == []


def test_the_trimmed_user_agent_stylesheet_changes_nothing(report_html: str) -> None:
    from weasyprint import HTML
    from weasyprint.html import UA_STYLESHEET

    pdf.render(report_html, str(STATIC))
    ours = pdf._HTML[0]
    assert ours._ua_stylesheets(None)[0] is not UA_STYLESHEET  # trimmed for this WeasyPrint

    def pages(html_class: Any) -> tuple[int, list[str], list[str]]:
        document = html_class(
            string=report_html, base_url=pdf.BASE_URL, url_fetcher=pdf.make_fetcher(STATIC)
        )
        data = document.write_pdf(
            pdf_variant="pdf/ua-1",
            font_config=pdf._FONTS[0],
            stylesheets=[pdf._stylesheet(STATIC.resolve())],
        )
        reader = PdfReader(io.BytesIO(data))
        return len(reader.pages), [p.extract_text() for p in reader.pages], structure(data)

    assert pages(ours) == pages(HTML)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cycle_collector_is_left_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        pdf.render('<html lang="en"><title>t</title><p>x</p></html>', str(STATIC))
        assert gc.isenabled() is enabled
        with pytest.raises(TypeError):
            pdf.render(None, str(STATIC))  # type: ignore[arg-type]
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
