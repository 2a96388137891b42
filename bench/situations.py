"""Nine situations walked through the questionnaire as a person would, for journeys and counts.

Each situation lists the answers a person gives, by question id ("loan-purpose/1" for the first
loan). A question the situation does not list gets the answer a person unsure of it would give
("I am not sure" where offered), so the walk follows whatever path the answers compute.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


def _date(iso: str) -> dict[str, str]:
    year, month, day = iso.split("-")
    return {"answer-month": month, "answer-day": day, "answer-year": year}


def _loan(item: int, purpose: str, owner: str, principal: str) -> dict[str, Any]:
    return {
        f"loan-purpose/{item}": purpose,
        f"loan-owner/{item}": owner,
        f"loan-principal/{item}": principal,
    }


HOME = {"occupancy": "primary_residence", "units": "1", "acres": "0.25", "bankruptcy": "none"}
NO_EXTRAS = {"want-pay-estimate": "no", "want-tax-check": "no"}

SITUATIONS: dict[str, dict[str, Any]] = {
    # A purchase first loan and a HELOC second, sold at a trustee's sale.
    "ca-trustee-sale-two-loans": {
        **HOME,
        "state": "CA",
        "loan-count": "2",
        **_loan(1, "purchase", "private", "420000"),
        **_loan(2, "heloc", "private", "50000"),
        "stage": "foreclosure_sale_done",
        "foreclosure-type": "nonjudicial",
        "foreclosing-loan": "first",
        "sale-date": _date("2026-10-14"),
        "sale-price": "400000",
        "home-value": "410000",
        "lawsuit-served": "no",
        **NO_EXTRAS,
    },
    # A court foreclosure sale, then papers asking for the rest.
    "fl-judicial-sale-sued": {
        **HOME,
        "state": "FL",
        "loan-count": "1",
        **_loan(1, "refinance", "private", "260000"),
        "stage": "foreclosure_sale_done",
        "foreclosure-type": "judicial",
        "sale-date": _date("2026-09-15"),
        "sale-price": "180000",
        "home-value": "230000",
        "lawsuit-served": "yes",
        **NO_EXTRAS,
    },
    # A trustee's sale with a fair-value credit and a two-year limit.
    "tx-trustee-sale": {
        **HOME,
        "state": "TX",
        "loan-count": "1",
        **_loan(1, "purchase", "private", "250000"),
        "stage": "foreclosure_sale_done",
        "foreclosure-type": "nonjudicial",
        "sale-date": _date("2026-08-04"),
        "sale-price": "170000",
        "home-value": "220000",
        "lawsuit-served": "no",
        **NO_EXTRAS,
    },
    # A sale set for next month in a court-foreclosure state with settlement conferences.
    "ny-sale-scheduled": {
        **HOME,
        "state": "NY",
        "loan-count": "1",
        **_loan(1, "refinance", "fannie_mae", "310000"),
        "stage": "sale_scheduled",
        "foreclosure-type": "judicial",
        "planned-sale-date": _date("2027-02-10"),
        "home-value": "280000",
        "lawsuit-served": "yes",
        **NO_EXTRAS,
    },
    # A short sale closed without a written release, FHA loan.
    "az-short-sale-done-fha": {
        **HOME,
        "state": "AZ",
        "loan-count": "1",
        **_loan(1, "purchase", "fha", "240000"),
        "stage": "short_sale_done",
        "lender-approved-sale": "yes",
        "sale-price": "200000",
        "home-value": "205000",
        "written-release": "no",
        "lawsuit-served": "no",
        **NO_EXTRAS,
    },
    # A deed in lieu being discussed, two loans.
    "wa-deed-in-lieu-planned": {
        **HOME,
        "state": "WA",
        "loan-count": "2",
        **_loan(1, "purchase", "private", "380000"),
        **_loan(2, "home_equity", "private", "40000"),
        "stage": "deed_in_lieu_planned",
        "home-value": "360000",
        "written-release": "no",
        "lawsuit-served": "no",
        **NO_EXTRAS,
    },
    # Behind on payments, nothing filed yet.
    "oh-behind-on-payments": {
        **HOME,
        "state": "OH",
        "loan-count": "1",
        **_loan(1, "purchase", "freddie_mac", "150000"),
        "stage": "behind_on_payments",
        "home-value": "140000",
        "lawsuit-served": "no",
        **NO_EXTRAS,
    },
    # A sheriff's sale by advertisement with a redemption period still running.
    "mn-sheriff-sale-redemption": {
        **HOME,
        "state": "MN",
        "loan-count": "1",
        **_loan(1, "purchase", "private", "230000"),
        "stage": "foreclosure_sale_done",
        "foreclosure-type": "nonjudicial",
        "sale-date": _date("2026-11-02"),
        "sale-price": "190000",
        "home-value": "215000",
        "lawsuit-served": "no",
        **NO_EXTRAS,
    },
    # A rental sold at a trustee's sale, Chapter 7 discharge, pay and tax checks wanted.
    "ga-rental-chapter7": {
        **HOME,
        "occupancy": "rental",
        "bankruptcy": "chapter7_discharged",
        "state": "GA",
        "loan-count": "1",
        **_loan(1, "cash_out_refinance", "private", "200000"),
        "stage": "foreclosure_sale_done",
        "foreclosure-type": "nonjudicial",
        "sale-date": _date("2026-06-02"),
        "sale-price": "150000",
        "home-value": "170000",
        "lawsuit-served": "no",
        "want-pay-estimate": "yes",
        "pay-period": "biweekly",
        "pay-after-taxes": "1800",
        "want-tax-check": "yes",
        "assets-value": "12000",
        "debts-total": "40000",
    },
}


def default_answer(html: str) -> Any:
    """What an unsure person answers on a page the situation does not list."""
    values = re.findall(r'type="radio"[^>]*value="([^"]+)"', html) or re.findall(
        r'value="([^"]+)"[^>]*type="radio"', html
    )
    for preferred in ("not_sure", "unknown", "no"):
        if preferred in values:
            return preferred
    if values:
        return values[0]
    if 'name="answer-month"' in html:
        return _date("2026-11-20")
    return ""


def walk(
    get: Callable[[str], Any], post: Callable[[str, dict[str, Any]], Any], answers: dict[str, Any]
) -> list[str]:
    """Answer pages until the check-answers page; return the question pages visited, in order.

    `get(url)` and `post(url, data)` return responses with `.text`, `.status_code` and
    `.headers` (the Flask test client's shape); `post` must not follow redirects."""
    get("/")  # the start page: no session and no form token until the person starts
    response = post("/start", {})
    url = response.headers["Location"]
    visited: list[str] = []
    while "/questions/" in url:
        if len(visited) > 80:
            raise RuntimeError(f"no end to the questions after {visited[-5:]}")
        page = get(url)
        question = url.split("/questions/", 1)[1].split("?")[0]
        visited.append(question)
        value = answers[question] if question in answers else default_answer(page.text)
        data = dict(value) if isinstance(value, dict) else {"answer": value}
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token is not None
        data["csrf_token"] = token.group(1)
        response = post(url, data)
        if response.status_code != 303:
            raise RuntimeError(f"{question}: {response.status_code} for {value!r}")
        url = response.headers["Location"]
    return visited
