"""Languages: the switch, Accept-Language, the interview's language, and Spanish everywhere a
person reads (pages, errors, report, PDF, calendar, API), with no English left behind."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from bench.situations import SITUATIONS, default_answer, walk
from questionnaire.i18n import LANGUAGE_COOKIE
from questionnaire.models import Interview

from .conftest import Walker, csrf_token, form_token, make_app
from .language_check import foreign_on_page, foreign_sentences

SPANISH_JOURNEYS = ["ca-trustee-sale-two-loans", "fl-judicial-sale-sued", "wa-deed-in-lieu-planned"]


def spanish(client: FlaskClient) -> None:
    client.set_cookie(LANGUAGE_COOKIE, "es")


def test_a_spanish_browser_gets_spanish_on_its_first_visit(client: FlaskClient) -> None:
    page = client.get("/", headers={"Accept-Language": "es-US,es;q=0.9,en;q=0.5"})
    assert '<html lang="es">' in page.text
    assert "Empezar ahora" in page.text
    # The switch offers English, named in English and marked as English.
    switch = r'<a [^>]*href="/\?lang=en"[^>]*lang="en" hreflang="en">English</a>'
    assert re.search(switch, page.text)
    english = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="en">' in english.text and "Start now" in english.text
    assert 'hreflang="es">Español</a>' in english.text


def test_the_switch_keeps_the_page_and_the_answers(client: FlaskClient, walker: Walker) -> None:
    walker.start()
    walker.answer("CA", expect="state")
    question = walker.url
    switched = client.get(f"{question}?lang=es")
    assert switched.status_code == 303
    assert switched.headers["Location"] == question  # the same page, without the switch
    assert f"{LANGUAGE_COOKIE}=es" in switched.headers["Set-Cookie"]
    page = client.get(question)
    assert '<html lang="es">' in page.text
    assert "¿Cómo usó esta casa?" in page.text or "casa" in page.text
    back = client.get(walker.url.replace(question, "") + "/questions/state")
    assert 'value="CA" selected' in back.text  # the answer given in English is kept
    # Other query parameters survive the switch.
    kept = client.get("/questions/state?change=1&lang=en")
    assert kept.headers["Location"] == "/questions/state?change=1"


def test_an_unknown_language_changes_nothing(client: FlaskClient) -> None:
    response = client.get("/?lang=xx")
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert "Set-Cookie" not in response.headers
    assert '<html lang="en">' in client.get("/").text


def test_the_interview_keeps_its_language_on_another_device(database_url: str) -> None:
    app = make_app(database_url)
    with app.test_client() as phone:
        spanish(phone)
        walker = Walker(phone)
        walker.start()
        walker.answer("NY", expect="state")
        page = phone.get("/save")
        saved = phone.post("/save", data={"csrf_token": csrf_token(page.text)})
        code = re.search(r'id="resume-code">([A-Z0-9-]+)<', saved.text)
        assert code, "no resume code shown"
    with app.app_context():
        from questionnaire.database import db

        assert [i.language for i in db().query(Interview).all()] == ["es"]
    with make_app(database_url).test_client() as laptop:  # no cookie, an English browser
        form = laptop.get("/resume")
        resumed = laptop.post(
            "/resume", data={"csrf_token": form_token(form.text), "code": code.group(1)}
        )
        assert resumed.status_code == 303
        assert f"{LANGUAGE_COOKIE}=es" in resumed.headers["Set-Cookie"]
        assert '<html lang="es">' in laptop.get(resumed.headers["Location"]).text


def test_switching_language_is_stored_with_the_interview(app: Flask, walker: Walker) -> None:
    walker.start()
    walker.client.get("/questions/state?lang=es")
    with app.app_context():
        from questionnaire.database import db

        assert [i.language for i in db().query(Interview).all()] == ["es"]


def test_errors_are_in_spanish_and_say_how_to_write_money(client: FlaskClient) -> None:
    spanish(client)
    walker = Walker(client)
    walker.start()
    page = walker.post_raw({"answer": ""})
    assert page.status_code == 200
    assert "Hay un problema" in page.text and "Elija su estado de la lista." in page.text
    assert not foreign_on_page(page.text, "es")
    # A made-up choice gets our own message, in Spanish (no form library text in English).
    walker.answer("CA", expect="state")
    wrong = walker.post_raw({"answer": "castle"})
    assert "Elija una de las respuestas que se muestran." in wrong.text
    assert not foreign_on_page(wrong.text, "es")


def _journey(client: FlaskClient, name: str) -> list[Any]:
    """Walk a situation in Spanish; return every page seen (question pages, check, report)."""
    seen: list[Any] = []

    def get(url: str) -> Any:
        response = client.get(url)
        seen.append(response)
        return response

    walk(get, lambda url, data: client.post(url, data=data), SITUATIONS[name])
    seen.append(client.get("/check-answers"))
    seen.append(client.get("/report"))
    return seen


@pytest.mark.parametrize("name", SPANISH_JOURNEYS)
def test_a_whole_journey_in_spanish_has_no_english(client: FlaskClient, name: str) -> None:
    spanish(client)
    pages = _journey(client, name)
    report = pages[-1]
    assert report.status_code == 200 and '<html lang="es">' in report.text
    assert "Qué hacer ahora" in report.text
    for page in pages:
        assert page.status_code == 200
        assert '<html lang="es">' in page.text
        left = foreign_on_page(page.text, "es")
        assert not left, (page.request.path, left)
    # English legal terms are quoted once per page and marked as English.
    body = report.text.split("Palabras usadas en este informe")[0]  # the glossary lists both
    terms = re.findall(r'\(<span lang="en">([^<]+)</span>\)', body)
    assert terms, "no English term quoted in the Spanish report"
    assert len(terms) == len({t.casefold() for t in terms})
    assert "(en: " not in report.text


def test_an_english_journey_has_no_spanish(client: FlaskClient) -> None:
    for page in _journey(client, SPANISH_JOURNEYS[0]):
        assert '<html lang="en">' in page.text
        assert not foreign_on_page(page.text, "en"), foreign_on_page(page.text, "en")


def test_every_other_page_type_in_spanish(client: FlaskClient) -> None:
    spanish(client)
    pages = [client.get(url) for url in ("/", "/resume", "/delete", "/deleted", "/no-such-page")]
    bad_code = client.post(
        "/resume", data={"csrf_token": form_token(pages[1].text), "code": "AAAA-BBBB-CCCC"}
    )
    pages.append(bad_code)
    assert "No encontramos respuestas con ese código" in bad_code.text
    assert pages[4].status_code == 404 and "No encontramos la página" in pages[4].text
    # The save pages, before and after a code is made, and check-answers.
    walker = Walker(client)
    walker.start()
    walker.answer("TX", expect="state")
    save = client.get("/save")
    pages += [save, client.post("/save", data={"csrf_token": csrf_token(save.text)})]
    assert "Su código para continuar" in pages[-1].text
    pages.append(client.get("/check-answers", follow_redirects=True))
    for page in pages:
        assert '<html lang="es">' in page.text
        assert not foreign_on_page(page.text, "es"), foreign_on_page(page.text, "es")


def test_the_pdf_and_calendar_in_spanish(
    app: Flask, client: FlaskClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spanish(client)
    _journey(client, SPANISH_JOURNEYS[0])
    report = client.get("/report")
    from questionnaire.web.report import pdf_renderer

    with app.app_context():
        renderer = pdf_renderer()
    rendered: list[str] = []
    original = renderer.render
    monkeypatch.setattr(renderer, "render", lambda html: rendered.append(html) or original(html))
    pdf = client.post("/report.pdf", data={"csrf_token": csrf_token(report.text), "name": "Ana"})
    assert pdf.status_code == 200
    disposition = pdf.headers["Content-Disposition"]
    assert re.search(r'filename="informe-shortfall-CA-\d{4}-\d{2}-\d{2}\.pdf"', disposition)
    # What the PDF was made from: Spanish, with English only where it is marked English.
    assert rendered and '<html lang="es">' in rendered[0]
    assert not foreign_on_page(rendered[0], "es"), foreign_on_page(rendered[0], "es")[:5]
    path = tmp_path / "informe.pdf"
    path.write_bytes(pdf.data)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Qué hacer ahora" in text and "Página 1 de" in text
    assert "ejecución" in text and "¿" in text  # accents survive: the font has the glyphs
    assert PdfReader(path).trailer["/Root"]["/Lang"] == "es"  # the document's language
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "Source-Sans-Pro" in fonts
    # Every letter of the Spanish PDF is in our own font (no accent left to a fallback).
    from fontTools.ttLib import TTFont

    font = Path(app.static_folder or "static") / "uswds/fonts/source-sans-pro"
    cmap = TTFont(font / "sourcesanspro-regular-webfont.ttf").getBestCmap()
    assert not {c for c in text if c.isalpha() and ord(c) not in cmap}


def test_the_calendar_in_spanish(client: FlaskClient) -> None:
    spanish(client)
    _journey(client, "fl-judicial-sale-sued")
    calendar = client.get("/report.ics")
    assert calendar.status_code == 200
    assert "fechas-shortfall-FL" in calendar.headers["Content-Disposition"]
    body = calendar.data.decode()
    assert "SUMMARY;LANGUAGE=es:" in body and "(en: " not in body
    assert not foreign_sentences(body.replace("\r\n ", ""), "es")


def test_the_api_answers_in_the_asked_language(client: FlaskClient) -> None:
    facts = {
        "state": "CA",
        "occupancy": "primary_residence",
        "stage": "foreclosure_sale_done",
        "foreclosure_type": "nonjudicial",
        "loans": [{"lien": "first", "purpose": "purchase", "principal": "300000"}],
        "sale_price": "250000",
        "sale_date": "2026-10-01",
    }
    english = client.post("/api/v1/assessments", json=facts).get_json()
    by_header = client.post(
        "/api/v1/assessments", json=facts, headers={"Accept-Language": "es"}
    ).get_json()
    by_field = client.post("/api/v1/assessments", json={**facts, "language": "es"}).get_json()
    assert by_header == by_field
    spanish_text = " ".join(r["text"] for r in by_field["loans"][0]["reasons"])
    english_text = " ".join(r["text"] for r in english["loans"][0]["reasons"])
    assert spanish_text != english_text and "prestamista" in spanish_text
    assert "(en: " not in spanish_text and "<span" not in spanish_text
    # Codes and parameters stay the same in every language.
    assert [r["code"] for r in by_field["loans"][0]["reasons"]] == [
        r["code"] for r in english["loans"][0]["reasons"]
    ]
    assert by_field["collectability"] == english["collectability"]
    bad = client.post("/api/v1/assessments", json={"state": "ZZ", "language": "es"}).get_json()
    assert any("código de dos letras" in e["message"] for e in bad["errors"])
    unknown = client.post("/api/v1/assessments", json={**facts, "language": "xx"})
    assert unknown.status_code == 422
    assert unknown.get_json()["errors"][0]["field"] == "language"


def test_money_typed_the_us_way_is_accepted_in_spanish(client: FlaskClient) -> None:
    spanish(client)
    walker = Walker(client)
    walker.start()
    answers = SITUATIONS["ca-trustee-sale-two-loans"]
    while "/questions/" in walker.url:
        question = walker.url.split("/questions/", 1)[1].split("?")[0]
        if question == "sale-price":
            wrong = walker.post_raw({"answer": "1.250,50"})
            assert wrong.status_code == 200
            # The message says how to write it the US way, in Spanish.
            assert "punto" in wrong.text and "Hay un problema" in wrong.text
            walker.answer("250,000.50")
            return
        walker.answer(answers.get(question, default_answer(walker.page().text)))
    pytest.fail("the sale price was never asked")
