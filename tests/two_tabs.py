"""Two tabs of one browser posting different answers at the same moment, many times over."""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask

from .conftest import Walker, csrf_token

STATES = ("CA", "TX")
USES = ("primary_residence", "second_home")


def two_tabs_keep_both_answers(app: Flask, pairs: int) -> int:
    """Run `pairs` rounds of two simultaneous posts; return how many rounds kept both."""
    with app.test_client() as browser:
        walker = Walker(browser)
        walker.start()
        walker.answer_all([("state", "CA"), ("occupancy", "primary_residence")])
        cookie = browser.get_cookie("shortfall_session")
        assert cookie is not None
    kept = 0
    for round_number in range(pairs):
        state, use = STATES[round_number % 2 == 0], USES[round_number % 2 == 0]
        tabs = []
        for _ in range(2):
            tab = app.test_client()
            tab.set_cookie("shortfall_session", cookie.value)
            tabs.append(tab)
        urls = ("/questions/state", "/questions/occupancy")
        tokens = [csrf_token(tab.get(url).text) for tab, url in zip(tabs, urls, strict=True)]
        results = _at_once(
            [(tabs[0], urls[0], state, tokens[0]), (tabs[1], urls[1], use, tokens[1])]
        )
        assert [r.status_code for r in results] == [303, 303]
        with app.app_context():
            from questionnaire.database import db
            from questionnaire.interviews import answers_of
            from questionnaire.models import Interview

            stored = answers_of(db().query(Interview).one())
        # Each round changes both answers, so a lost save shows as an old value.
        if stored.get("state") == state and stored.get("occupancy") == use:
            kept += 1
    return kept


def _at_once(posts: list[tuple[Any, str, str, str]]) -> list[Any]:
    """Send the posts (client, url, answer, CSRF token) from threads released together."""
    start = threading.Barrier(len(posts))
    results: list[Any] = [None] * len(posts)

    def post(index: int, client: Any, url: str, answer: str, token: str) -> None:
        start.wait()
        results[index] = client.post(url, data={"answer": answer, "csrf_token": token})

    threads = [threading.Thread(target=post, args=(i, *p)) for i, p in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
