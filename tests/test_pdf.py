"""The PDF report: same content as the page, tagged, titled, and fetching nothing but our files."""

from __future__ import annotations

import http.server
import io
import subprocess
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from questionnaire.pdf import render
from questionnaire.render_service import LocalRenderer, PdfBusy
from questionnaire.render_slots import MachineSlots

from .conftest import Walker, csrf_token
from .test_report import TEXAS

ROOT = Path(__file__).resolve().parent.parent
CASE = {
    "state": "TX",
    "stage": "foreclosure_sale_done",
    "foreclosure_type": "nonjudicial",
    "occupancy": "primary_residence",
    "units": 1,
    "acres": "0.2",
    "sale_date": "2026-10-01",
    "sale_price": "200000",
    "home_value": "225000",
    "lawsuit_served": "no",
    "bankruptcy": "none",
    "loans": [{"lien": "first", "purpose": "purchase", "principal": "275000"}],
}


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_pdf_carries_the_verdict_numbers_deadline_and_citations(client: FlaskClient) -> None:
    response = client.post("/api/v1/report.pdf", json=CASE)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = text_of(response.data)
    # Tex. Prop. Code § 51.003: $275,000 - the $225,000 fair value = $50,000; two years to sue.
    for shown in (
        "The lender can ask for more, but the law limits how much",
        "$50,000",
        "$75,000",
        "October 1, 2028",
        "51.003",
        "not legal advice",
        "Page 1 of",
    ):
        assert shown in text, shown
    reader = PdfReader(io.BytesIO(response.data))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged for screen readers
    assert root["/Lang"] == "en"
    assert reader.metadata is not None and reader.metadata.title == "Shortfall report for Texas"
    assert "November 25, 2026" in text  # the generation date, written one way
    assert "2026-11-25" not in text
    # Sources print with their addresses; the API's PDF says where its facts came from.
    assert "https://" in text and "made from facts sent to the API" in text
    assert "Words used in this report" in text
    assert text.count("were last reviewed on") == 1  # on the cover, not again below it
    disposition = response.headers["Content-Disposition"]
    assert 'filename="shortfall-report-TX-2026-11-25.pdf"' in disposition


def test_name_is_printed_only_when_given(client: FlaskClient) -> None:
    named = text_of(
        client.post("/api/v1/report.pdf", json={**CASE, "name_on_cover": "María Núñez"}).data
    )
    assert "Prepared for María Núñez" in named
    assert "Prepared for" not in text_of(client.post("/api/v1/report.pdf", json=CASE).data)


def test_each_source_address_is_printed_once_and_reasons_point_to_it(
    app: Flask, client: FlaskClient, tmp_path: Path
) -> None:
    """On paper a reason lists its sources by their numbers in "Where we read them", where each
    address is printed once (the report used to repeat long addresses under every reason)."""
    from questionnaire.clock import today
    from questionnaire.law.case import read_case
    from questionnaire.web.report import report_context

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(client.post("/api/v1/report.pdf", json=CASE).data)
    # pdftotext, not pypdf: pypdf leaves out list numbers (tagged labels) that people see.
    shown = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    text = " ".join(shown.stdout.split())
    with app.test_request_context():
        sources = report_context(read_case(CASE, today()))["report"].sources
    # Addresses wrap across lines, and pdftotext drops a hyphen that ends a line.
    unbroken = "".join(text.split()).replace("-", "")
    body, _, end = text.partition("Where we read them")
    assert len(sources) >= 3
    reused = 0
    for number, (title, url) in enumerate(sources, 1):
        assert unbroken.count(url.replace("-", "")) == 1, url
        assert f"{number}. {title}. " in end
        under_reasons = body.count(title)
        assert body.count(f"{number}. {title}") == under_reasons, title
        reused += under_reasons > 1
    assert reused  # a source used by two reasons keeps one number


@pytest.fixture
def canary() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()


def test_injected_urls_are_neither_fetched_nor_embedded(
    client: FlaskClient, canary: tuple[str, list[str]]
) -> None:
    url, hits = canary
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    name = f'<img src="{url}/a.png"><link rel="attachment" href="file:///etc/hostname">'
    response = client.post("/api/v1/report.pdf", json={**CASE, "name_on_cover": name[:80]})
    assert response.status_code in (200, 422)
    assert hits == []
    # Even raw, unescaped HTML cannot reach the network or the disk: the fetcher refuses it.
    refused: list[str] = []
    raw = (
        f'<html lang="en"><head><title>t</title></head><body><img src="{url}/b.png">'
        '<img src="file:///etc/hostname"><link rel="attachment" href="file:///etc/passwd">'
        '<img src="static/../../etc/hostname"><p>x</p></body></html>'
    )
    data = render(raw, str(ROOT / "static"), refused)
    assert hits == []
    assert any(u.startswith("file://") for u in refused) and any(u.startswith(url) for u in refused)
    assert b"/EmbeddedFile" not in data
    if hostname:
        assert hostname.encode() not in data


def test_download_from_the_report_page(walker: Walker) -> None:
    walker.start()
    walker.answer_all(TEXAS)
    page = walker.page("/report").text
    response = walker.client.post("/report.pdf", data={"csrf_token": csrf_token(page), "name": ""})
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert "attachment" in response.headers["Content-Disposition"]
    text = text_of(response.data)
    assert "$55,000" in text  # the same figure as the page
    # The answers it was built from, in words, at the end.
    record = text.split("The answers this report was built from")[1]
    for shown in ("Texas", "$275,000", "October 1, 2026", "Court papers asking for money"):
        assert shown in record, shown


def test_bad_input_is_422(client: FlaskClient) -> None:
    assert client.post("/api/v1/report.pdf", json={"state": "ZZ"}).status_code == 422
    assert (
        client.post("/api/v1/report.pdf", json={**CASE, "name_on_cover": "x" * 81}).status_code
        == 422
    )
    assert client.post("/api/v1/report.pdf", data="nope").status_code == 422


def test_busy_slots_give_503(app: Flask, tmp_path: Path) -> None:
    slots = MachineSlots(tmp_path / "slots", slots=1, queue=0)
    renderer = LocalRenderer(ROOT / "static", slots, processes=1, wait=0.05, limit=60)
    html = '<html lang="en"><head><title>t</title></head><body><p>one</p></body></html>'
    assert renderer.render(html).startswith(b"%PDF")
    other_worker = MachineSlots(tmp_path / "slots", slots=1, queue=0)
    # Another web worker on the machine renders now: the only slot is taken.
    with other_worker.slot(wait=1), pytest.raises(PdfBusy):
        renderer.render(html)


def test_no_pdf_is_kept_once_sent(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report holds a person's figures: the same report asked twice is rendered twice, and
    nothing the renderer keeps holds a PDF or the report's words."""
    from questionnaire.web.report import pdf_renderer

    with app.app_context():
        renderer = pdf_renderer()
    made: list[bytes] = []
    original = renderer.render
    monkeypatch.setattr(renderer, "render", lambda html: made.append(original(html)) or made[-1])
    for _ in range(2):
        assert client.post("/api/v1/report.pdf", json=CASE).status_code == 200
    assert len(made) == 2 and all(pdf.startswith(b"%PDF") for pdf in made)
    kept = [value for value in vars(renderer).values() if isinstance(value, (bytes, str, dict))]
    assert not any(isinstance(v, bytes) and v.startswith(b"%PDF") for v in kept)
    assert not any("%PDF" in repr(v) or "<html" in repr(v) for v in kept)


def test_route_answers_503_with_retry_after_when_busy(app: Flask, walker: Walker) -> None:
    class Busy:
        def admission(self) -> AbstractContextManager[None]:
            return nullcontext()

        def render(self, html: str) -> bytes:
            raise PdfBusy

    app.extensions["shortfall.pdf"] = Busy()
    response = walker.client.post("/api/v1/report.pdf", json=CASE)
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert response.json == {
        "errors": [
            {
                "field": "",
                "message": "Many reports are being made right now. Try again in a minute.",
            }
        ]
    }
    # A person gets a page that says their answers are kept and leads back to the report.
    walker.start()
    walker.answer_all(TEXAS)
    page = walker.page("/report").text
    response = walker.client.post("/report.pdf", data={"csrf_token": csrf_token(page), "name": ""})
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert response.mimetype == "text/html"
    assert "Your answers are saved." in response.text
    assert 'href="/report#download"' in response.text
    walker.client.get("/report?lang=es")  # the language switch, then back to the page
    page = walker.page("/report").text
    response = walker.client.post("/report.pdf", data={"csrf_token": csrf_token(page), "name": ""})
    assert response.status_code == 503 and 'lang="es"' in response.text
    assert "Sus respuestas están guardadas." in response.text
