"""How long each of the nine situations is: questionnaire pages, and report phone screens.

Run: .venv/bin/python -m bench.report_screens [--shots FOLDER] [--language es] [--pdf]
Prints, per situation, the question pages a person goes through and the report's height at
320 x 568 px in phone screens (and at 1280 px wide). With --shots, saves full-page screenshots.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import shutil
import tempfile
import threading
from pathlib import Path

from werkzeug.serving import make_server

from questionnaire import create_app

from .situations import SITUATIONS, walk

PHONE = {"width": 320, "height": 568}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=Path, help="save screenshots in this folder")
    parser.add_argument("--language", default="en", help="the language to answer in")
    parser.add_argument("--pdf", action="store_true", help="also save each report's PDF (--shots)")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    folder = Path(tempfile.mkdtemp())
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "SECRET_KEY": "bench",
            "RATELIMIT_ENABLED": False,
            "TODAY": dt.date(2026, 12, 4),
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    cookies: dict[str, tuple[str, int]] = {}
    for name, answers in SITUATIONS.items():
        with app.test_client() as client:
            client.set_cookie("shortfall_language", args.language)
            pages = walk(client.get, lambda url, data: client.post(url, data=data), answers)
            cookie = client.get_cookie("shortfall_session")
            assert cookie is not None
            cookies[name] = (cookie.value, len(pages))
            if args.shots and args.pdf:
                import re

                report = client.get("/report").text
                token = re.search(r'name="csrf_token" value="([^"]+)"', report)
                assert token is not None
                pdf = client.post("/report.pdf", data={"csrf_token": token.group(1)})
                args.shots.mkdir(parents=True, exist_ok=True)
                (args.shots / f"{name}-{args.language}.pdf").write_bytes(pdf.data)
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    print(f"{'situation':32} {'pages':>5} {'screens@320':>11} {'px@1280':>8}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for name, (cookie, pages) in cookies.items():
            heights = []
            for viewport in (PHONE, {"width": 1280, "height": 800}):
                context = browser.new_context(viewport=viewport, java_script_enabled=False)
                context.add_cookies(
                    [
                        {"name": "shortfall_session", "value": cookie, "url": base},
                        {"name": "shortfall_language", "value": args.language, "url": base},
                    ]
                )
                page = context.new_page()
                page.goto(base + "/report")
                heights.append(page.evaluate("document.documentElement.scrollHeight"))
                if args.shots:
                    args.shots.mkdir(parents=True, exist_ok=True)
                    shot = args.shots / f"{name}-{args.language}-{viewport['width']}.png"
                    page.screenshot(path=str(shot), full_page=True)
                context.close()
            print(f"{name:32} {pages:>5} {heights[0] / PHONE['height']:>11.1f} {heights[1]:>8}")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
