"""Links between the questionnaire's pages that stay inside a counselor's case when the pages
are served for one (the same pages and report, under /cases/<id>/)."""

from __future__ import annotations

from typing import Any

from flask import g, url_for

# The homeowner blueprints and the names they are registered under again for a case.
IN_A_CASE = {"pages": "case_pages", "report": "case_report"}


def in_a_case() -> bool:
    """Whether this request is about a counselor's case rather than the browser's answers."""
    return g.get("case") is not None


def link(endpoint: str, **values: Any) -> str:
    """url_for, kept inside the case when there is one: "pages.question" becomes the case's
    question page, and "save for later" becomes the case's own page."""
    case = g.get("case")
    if case is not None:
        blueprint, _dot, name = endpoint.partition(".")
        if blueprint in IN_A_CASE:
            endpoint = f"{IN_A_CASE[blueprint]}.{name}"
        elif endpoint in ("interview.save", "pages.start"):
            return url_for("cases.case_page", case_id=case.id)
    return url_for(endpoint, **values)


_STATIC: dict[tuple[str, str], str] = {}


def static_url(filename: str) -> str:
    """url_for("static", ...) worked out once per file and mount point: a page links eight
    of them, and they never change while the app runs."""
    from flask import request

    key = (request.script_root, filename)
    found = _STATIC.get(key)
    if found is None:
        found = _STATIC[key] = url_for("static", filename=filename)
    return found
