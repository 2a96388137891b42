"""Plain-language pieces the reasons are built from."""

from __future__ import annotations

PROCESS = {
    "nonjudicial": "a foreclosure sale held outside of court",
    "judicial": "a foreclosure through the courts",
    "short_sale": "a short sale",
    "deed_in_lieu": "a deed in lieu of foreclosure",
}

BASELINE = {
    "allowed": "{state} law lets the lender ask a court for the rest of the debt after {process}.",
    "limited": "{state} law lets the lender ask for the rest of the debt after {process}, "
    "but it limits how much.",
    "barred": "{state} law does not let the lender collect the rest of the debt after {process}.",
    "unclear": "We could not find a clear rule in {state} law on what you may owe after {process}.",
}

CREDIT = {
    "sale_price": "the sale price",
    "fair_market_value": "the home's fair market value",
    "greater_of": "the higher of the sale price and the home's fair market value",
    "none": "nothing beyond what the sale actually paid",
}

LIEN = {"first": "first loan", "second": "second loan", "third": "third loan"}
