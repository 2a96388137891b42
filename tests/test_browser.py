"""A thin layer of real-browser tests in headless Chromium: no JavaScript, 320 px, axe-core."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from .conftest import make_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LIVE_DATABASE: list[str] = []  # the live server's database, shared with helper fixtures
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("browser") / "db.sqlite3"
    LIVE_DATABASE[:] = [f"sqlite:///{database}"]
    app = make_app(LIVE_DATABASE[0])
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.fail("chromium is not installed (scripts/test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def submit(page: Any, name: str = "Continue") -> None:
    """Press a form button and wait for the next page to load."""
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def choose(page: Any, label: str) -> None:
    """Pick a radio button by clicking its label, as a person does."""
    page.locator("label.usa-radio__label", has_text=label).first.click()


def answer_as_a_person(page: Any, answers: dict[str, Any]) -> None:
    """Answer the question on the page from `answers` (else as an unsure person would), by
    clicking a choice's label, choosing from the list, or typing."""
    from bench.situations import default_answer

    question = page.url.split("/questions/", 1)[1].split("?")[0]
    value = answers.get(question, default_answer(page.content()))
    if isinstance(value, dict):
        for name, part in value.items():
            page.fill(f'[name="{name}"]', str(part))
    elif page.locator(f'input[type="radio"][value="{value}"]').count():
        page.locator(f'input[type="radio"][value="{value}"] + label').click()
    elif page.locator("select#answer").count():
        page.select_option("#answer", str(value))
    else:
        page.fill('[name="answer"]', str(value))


def no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width}px wide at a 320px screen"


def test_whole_journey_without_javascript_on_a_small_phone(browser: Any, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request", lambda r: outside.append(r.url) if not r.url.startswith(live_server) else None
    )
    page.goto(live_server + "/")
    no_sideways_scroll(page)
    submit(page, "Start now")
    page.select_option("#answer", "CA")
    no_sideways_scroll(page)
    submit(page)
    choose(page, "It was my main home")
    no_sideways_scroll(page)
    submit(page)
    choose(page, "I gave the home back to the lender")  # what is happening comes first
    submit(page)
    page.fill("#answer-month", "2")
    page.fill("#answer-day", "30")
    page.fill("#answer-year", "2026")
    submit(page)
    assert "That date does not exist" in page.content()
    no_sideways_scroll(page)
    page.fill("#answer-day", "27")
    submit(page)
    submit(page)  # home value: not known
    choose(page, "Not sure")
    submit(page)
    choose(page, "One loan")
    submit(page)
    assert "Your first loan" in page.content()
    choose(page, "To buy the home")
    submit(page)
    choose(page, "Fannie Mae")
    submit(page)
    page.fill("#answer", "$300,000")
    no_sideways_scroll(page)
    submit(page)
    for _ in range(3):  # interest, fees, other: not known
        submit(page)
    choose(page, "No")
    submit(page)
    choose(page, "No")
    submit(page)
    # California's purchase-money rule covers 1 to 4 homes: here the law asks.
    assert page.url.endswith("/questions/units")
    page.fill("#answer", "one")  # a mistake: the error shows at the field and in a summary
    submit(page)
    assert (
        page.locator(".usa-error-message")
        .inner_text()
        .endswith("Enter a whole number, like 1 or 2.")
    )
    assert page.title().startswith("Error:")
    no_sideways_scroll(page)
    page.fill("#answer", "1")
    submit(page)
    for _ in range(2):  # the pay and tax estimates are optional
        choose(page, "No, skip this")
        submit(page)
    assert page.url.endswith("/check-answers")
    assert "February 27, 2026" in page.content()
    no_sideways_scroll(page)
    page.get_by_role("link", name="See your results").click()
    page.wait_for_url("**/report")
    assert "Your results" in page.content()
    no_sideways_scroll(page)
    assert outside == []
    context.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]
    ]


@pytest.mark.parametrize("width", [320, 1280])
def test_pages_pass_axe(browser: Any, live_server: str, width: int) -> None:
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(live_server + "/")
    assert axe_violations(page) == []
    submit(page, "Start now")
    assert axe_violations(page) == [], "state page"
    submit(page)  # empty: error state
    assert "Choose your state from the list." in page.content()
    assert axe_violations(page) == [], "state page with an error"
    page.select_option("#answer", "TX")
    submit(page)
    assert axe_violations(page) == [], "radio page"
    for path in ("/resume", "/delete", "/save"):
        page.goto(live_server + path)
        assert axe_violations(page) == [], path
    context.close()


@pytest.fixture(scope="module")
def report_cookie(live_server: str) -> str:
    """A finished interview, answered through the server's own pages (Texas, two loans)."""
    from .conftest import Walker
    from .test_report import TEXAS

    app = make_app(LIVE_DATABASE[0])
    with app.test_client() as client:
        walker = Walker(client)
        walker.start()
        walker.answer_all(TEXAS)
        cookie = client.get_cookie("shortfall_session")
        assert cookie is not None
        return cookie.value


@pytest.mark.parametrize("width", [320, 1280])
def test_report_passes_axe(browser: Any, live_server: str, report_cookie: str, width: int) -> None:
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 800})
    context.add_cookies([{"name": "shortfall_session", "value": report_cookie, "url": live_server}])
    page = context.new_page()
    page.goto(live_server + "/report")
    assert "Your results" in page.content() and "$55,000" in page.content()
    if width == 320:
        no_sideways_scroll(page)
    assert axe_violations(page) == []
    # Everything folded away must pass too, once opened.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    if width == 320:
        no_sideways_scroll(page)
    assert axe_violations(page) == []
    context.close()


def test_report_reads_short_on_a_phone_and_prints_without_the_form(
    browser: Any, live_server: str, report_cookie: str
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 568})
    context.add_cookies([{"name": "shortfall_session", "value": report_cookie, "url": live_server}])
    page = context.new_page()
    page.goto(live_server + "/report")
    # The default view (details folded) within 8 phone screens; the top box in the first.
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 8 * 568, f"{height / 568:.1f} phone screens"
    box = page.locator(".verdict").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 2 * 568
    # Without JavaScript, the exit link is a plain link that leaves.
    exit_link = page.locator("[data-exit-this-page]")
    assert exit_link.get_attribute("href") == "https://www.weather.gov/"
    page.emulate_media(media="print")
    assert not page.locator("#download").is_visible()
    assert not page.locator("footer").is_visible()
    assert not exit_link.is_visible()
    context.close()


def test_keyboard_only(browser: Any, live_server: str) -> None:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.goto(live_server + "/")
    page.get_by_role("button", name="Start now").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/questions/state")
    page.focus("#answer")
    page.keyboard.type("Oregon")
    assert page.evaluate("document.activeElement.value") == "OR"
    for _ in range(6):  # tab on to the Continue button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Continue":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/questions/occupancy")
    page.keyboard.press("Tab")
    for _ in range(12):
        if page.evaluate("document.activeElement.type") == "radio":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    page.keyboard.press("Enter")
    page.wait_for_url("**/questions/stage")
    context.close()


def test_spanish_pages_and_report_pass_axe_on_a_phone(
    browser: Any, live_server: str, report_cookie: str
) -> None:
    context = browser.new_context(
        bypass_csp=True, viewport={"width": 320, "height": 800}, locale="es-US"
    )
    page = context.new_page()
    page.goto(live_server + "/")  # Accept-Language from the browser's locale
    assert page.locator("html").get_attribute("lang") == "es"
    assert "Empezar ahora" in page.content()
    assert axe_violations(page) == []
    submit(page, "Empezar ahora")
    assert axe_violations(page) == [], "state page"
    submit(page, "Continuar")
    assert "Elija su estado de la lista." in page.content()
    assert axe_violations(page) == [], "state page with an error"
    context.close()
    context = browser.new_context(bypass_csp=True, viewport={"width": 320, "height": 800})
    context.add_cookies(
        [
            {"name": "shortfall_session", "value": report_cookie, "url": live_server},
            {"name": "shortfall_language", "value": "es", "url": live_server},
        ]
    )
    page = context.new_page()
    page.goto(live_server + "/report")
    assert "Sus resultados" in page.content()
    no_sideways_scroll(page)
    assert axe_violations(page) == []
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    no_sideways_scroll(page)
    assert axe_violations(page) == [], "opened"
    context.close()


@pytest.mark.parametrize(
    "situation", ["ca-trustee-sale-two-loans", "fl-judicial-sale-sued", "wa-deed-in-lieu-planned"]
)
def test_a_spanish_journey_without_javascript_on_a_small_phone(
    browser: Any, live_server: str, situation: str, tmp_path: Path
) -> None:
    """A person who reads Spanish answers every page in a real browser, no JavaScript, 320 px,
    and reaches a Spanish report; each page is in Spanish and fits the screen."""
    from bench.situations import SITUATIONS

    answers = SITUATIONS[situation]
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 320, "height": 640}, locale="es-US"
    )
    page = context.new_page()
    page.goto(live_server + "/")
    submit(page, "Empezar ahora")
    seen = 0
    while "/questions/" in page.url:
        seen += 1
        assert seen < 60, page.url
        assert page.locator("html").get_attribute("lang") == "es", page.url
        no_sideways_scroll(page)
        answer_as_a_person(page, answers)
        submit(page, "Continuar")
    assert page.url.endswith("/check-answers")
    assert page.locator("html").get_attribute("lang") == "es"
    page.goto(live_server + "/report")
    assert "Sus resultados" in page.content() and "Qué hacer ahora" in page.content()
    no_sideways_scroll(page)
    page.screenshot(path=str(tmp_path / f"{situation}-es.png"), full_page=True)
    context.close()


def test_a_counselor_signs_in_with_the_second_step_and_downloads_a_case_pdf(
    browser: Any, live_server: str, tmp_path: Path
) -> None:
    """Chromium, no JavaScript: sign in with a password and an authenticator code, start a
    case, answer it on the homeowners' pages, and download its PDF with the case on the cover."""
    import datetime as dt

    import pyotp
    from pypdf import PdfReader

    from bench.situations import SITUATIONS
    from questionnaire.counselor import accounts
    from questionnaire.database import db

    password = "maple kettle orbit 42 lantern"
    with make_app(LIVE_DATABASE[0]).app_context():
        accounts.create_agency(
            db(), "Hope Housing", "ada@hope.org", "Ada Admin", password, dt.datetime.now(dt.UTC)
        )
        db().commit()
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request", lambda r: outside.append(r.url) if not r.url.startswith(live_server) else None
    )
    page.goto(live_server + "/counselor/sign-in")
    page.fill("#email", "ada@hope.org")
    page.fill("#password", "a wrong password here")
    submit(page)
    assert "The email or password is not right" in page.content()
    page.fill("#password", password)
    submit(page)
    assert "Set up your second step" in page.content()
    assert page.locator(".qr-code-box svg").count() == 1
    secret = page.locator(".setup-key").inner_text().replace(" ", "")
    page.fill("#code", pyotp.TOTP(secret).now())
    submit(page)
    assert "Keep your recovery codes" in page.content()
    assert page.locator(".recovery-codes li").count() == 10
    with page.expect_navigation():
        page.get_by_role("link", name="I have kept my codes. Continue").click()
    assert "Signed in as Ada Admin, Hope Housing." in page.content()
    with page.expect_navigation():
        page.get_by_role("link", name="Start a case").first.click()
    page.fill("#reference", "HH-0042")
    submit(page, "Start the case")
    assert "Case HH-0042" in page.content()
    with page.expect_navigation():
        page.get_by_role("link", name="Answers", exact=True).click()
    answers = SITUATIONS["tx-trustee-sale"]
    seen = 0
    while "/questions/" in page.url:
        seen += 1
        assert seen < 60, page.url
        assert "/cases/" in page.url
        answer_as_a_person(page, answers)
        submit(page)
    assert page.url.endswith("/answers/check-answers")
    with page.expect_navigation():
        page.get_by_role("link", name="See your client's results").click()
    assert "Texas" in page.content() and "Your client's results" in page.content()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the PDF").click()
    saved = tmp_path / "case.pdf"
    download.value.save_as(saved)
    reader = PdfReader(str(saved))
    first = " ".join((reader.pages[0].extract_text() or "").split())
    assert "Case HH-0042. Counselor: Ada Admin." in first
    assert outside == []
    context.close()


def test_counselor_pages_pass_axe_and_the_idle_warning_lets_a_counselor_stay(
    browser: Any, live_server: str, tmp_path: Path
) -> None:
    """With JavaScript, two minutes before the idle limit a warning takes the focus, and
    "Stay signed in" keeps the person on the same page (WCAG 2.2.1)."""
    import datetime as dt

    import pyotp

    from questionnaire.counselor import accounts
    from questionnaire.database import db

    password = "maple kettle orbit 42 lantern"
    with make_app(LIVE_DATABASE[0]).app_context():
        accounts.create_agency(
            db(), "Casa", "eva@casa.org", "Eva", password, dt.datetime.now(dt.UTC)
        )
        db().commit()
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server + "/counselor/sign-in")
    assert axe_violations(page) == [], "sign-in"
    page.fill("#email", "eva@casa.org")
    page.fill("#password", password)
    submit(page)
    assert axe_violations(page) == [], "second step set-up"
    secret = page.locator(".setup-key").inner_text().replace(" ", "")
    page.fill("#code", pyotp.TOTP(secret).now())
    submit(page)
    for path in ("/cases/", "/cases/new", "/agency/people", "/agency/settings", "/agency/audit"):
        page.goto(live_server + path)
        assert axe_violations(page) == [], path
    page.clock.install()  # the page's own clock, moved on by the test
    page.goto(live_server + "/cases/")
    warning = page.locator(".session-timeout__warning")
    page.clock.run_for("27:00")
    assert warning.is_hidden()
    page.clock.run_for("01:30")  # 28.5 minutes idle: under two minutes left
    assert warning.is_visible()
    focused = page.evaluate("document.activeElement.className")
    assert "session-timeout__extend" in focused
    url = page.url
    page.get_by_role("button", name="Stay signed in").click()
    page.wait_for_selector(".session-timeout__warning[hidden]", state="attached", timeout=5000)
    assert page.url == url  # the person stayed on the page
    context.close()
