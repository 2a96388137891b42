"""The JSON API: the contract of DESIGN, field errors with 422, no cookies, rate limits."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from flask import Flask
from flask.testing import FlaskClient

from questionnaire.api.openapi import openapi_document

from .conftest import make_app

CASE = {
    "state": "CA",
    "occupancy": "primary_residence",
    "units": 1,
    "stage": "foreclosure_sale_done",
    "foreclosure_type": "judicial",
    "sale_date": "2026-10-01",
    "sale_price": "200000",
    "home_value": "225000",
    "lawsuit_served": "no",
    "loans": [
        {"lien": "first", "purpose": "refinance", "owner": "private", "principal": "275000.00"}
    ],
}


def schema_for(name: str) -> dict[str, Any]:
    document = openapi_document()
    return {"$ref": f"#/components/schemas/{name}", "components": document["components"]}


def validate(instance: Any, name: str) -> None:
    jsonschema.validate(instance, schema_for(name), cls=jsonschema.Draft202012Validator)


def test_assessment_follows_the_contract(client: FlaskClient) -> None:
    response = client.post("/api/v1/assessments", json=CASE)
    assert response.status_code == 200
    body = response.get_json()
    validate(body, "Assessment")
    assert body["jurisdiction"]["code"] == "CA" and body["jurisdiction"]["last_reviewed"]
    (loan,) = body["loans"]
    assert loan["total_debt"] == "275000.00"
    assert loan["shortfall"] == "75000.00"
    assert loan["deficiency"] == "50000.00"  # CCP § 726(b): credit the greater of price and value
    assert loan["credit_basis"] == "greater_of"
    assert body["deadline"]["last_day"] == "2027-01-01" and body["deadline"]["passed"] is False
    assert all(reason["citations"] for reason in loan["reasons"])
    assert "not legal advice" in body["disclaimer"]
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**CASE, "state": "XX"}, "state"),
        ({**CASE, "stage": "sold"}, "stage"),
        ({**CASE, "loans": []}, "loans"),
        ({**CASE, "loans": [{"lien": "first"}, {"lien": "first"}]}, "loans"),
        ({**CASE, "sale_price": "NaN"}, "sale_price"),
        ({**CASE, "sale_price": 1e309}, "sale_price"),
        ({**CASE, "home_value": "-1"}, "home_value"),
        ({**CASE, "sale_date": "2026-02-30"}, "sale_date"),
        ({**CASE, "units": 0}, "units"),
        ({**CASE, "units": True}, "units"),
        ({**CASE, "acres": "lots"}, "acres"),
        ({**CASE, "extra": 1}, "extra"),
        ({**CASE, "loans": [{"lien": "first", "principal": 12.555}]}, "loans[0].principal"),
        ({**CASE, "loan_date": "2013-01-01"}, "loan_date"),
        ({**CASE, "lender_bought_at_sale": "maybe"}, "lender_bought_at_sale"),
        ({**CASE, "loans": [{"lien": "first", "loan_date": "2013-02-30"}]}, "loans[0].loan_date"),
        ({**CASE, "language": "xx"}, "language"),
        ({**CASE, "loans": ["x"]}, "loans[0]"),
        ([1, 2], ""),
        ("text", ""),
    ],
)
def test_bad_input_is_422_with_the_field(client: FlaskClient, body: Any, field: str) -> None:
    response = client.post("/api/v1/assessments", json=body)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    validate(response.get_json(), "Errors")
    assert field in [error["field"] for error in errors]
    assert all(error["message"] for error in errors)


def test_not_json_at_all(client: FlaskClient) -> None:
    response = client.post("/api/v1/assessments", data="{not json", content_type="application/json")
    assert response.status_code == 422
    response = client.post("/api/v1/assessments", data=b"\xff\xfe", content_type="text/plain")
    assert response.status_code == 422


def test_too_large_is_413_json(client: FlaskClient) -> None:
    response = client.post("/api/v1/assessments", json={"state": "x" * 100_000})
    assert response.status_code == 413
    assert response.get_json()["errors"]


def test_jurisdictions(client: FlaskClient) -> None:
    listing = client.get("/api/v1/jurisdictions").get_json()["jurisdictions"]
    assert len(listing) == 51
    validate(listing[0], "JurisdictionSummary")
    california = client.get("/api/v1/jurisdictions/ca").get_json()
    assert california["code"] == "CA"
    protections = {p["id"] for p in california["protections"]}
    assert any("580" in c for p in california["protections"] for c in p["citations"]), protections
    assert client.get("/api/v1/jurisdictions/ZZ").status_code == 404
    assert client.get("/api/v1/jurisdictions/california").status_code == 404


def test_unknown_api_route_is_json(client: FlaskClient) -> None:
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404 and response.get_json()["errors"]
    assert client.get("/api/v1/assessments").status_code == 405


def test_openapi_document_is_valid_openapi_31(client: FlaskClient) -> None:
    from openapi_spec_validator import validate as validate_spec

    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    validate_spec(document)


def test_rate_limit(database_url: str) -> None:
    app: Flask = make_app(database_url, RATELIMIT_ENABLED=True, API_RATE_LIMIT="2 per minute")
    with app.test_client() as client:
        codes = [client.post("/api/v1/assessments", json=CASE).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_three_loans_where_only_the_foreclosed_first_loan_is_protected(client: FlaskClient) -> None:
    # Washington: no deficiency after a trustee's sale for the loan whose deed of trust was
    # sold (RCW 61.24.100(1)); a second loan and a HELOC wiped out by that sale may still sue
    # on their notes (Beal Bank v. Sarich). Sale $300,000; owed $320,000 / $40,000 / $25,000.
    body = {
        "state": "WA",
        "stage": "foreclosure_sale_done",
        "foreclosure_type": "nonjudicial",
        "occupancy": "primary_residence",
        "units": 1,
        "acres": "0.2",
        "sale_date": "2026-10-01",
        "sale_price": "300000",
        "home_value": "310000",
        "lawsuit_served": "no",
        "bankruptcy": "none",
        "written_release": "no",
        "pay_after_taxes": "1200.00",
        "pay_period": "biweekly",
        "loans": [
            {"lien": "first", "purpose": "purchase", "owner": "private", "principal": "320000"},
            {"lien": "second", "purpose": "home_equity", "owner": "private", "principal": "40000"},
            {"lien": "third", "purpose": "heloc", "owner": "private", "principal": "25000"},
        ],
    }
    response = client.post("/api/v1/assessments", json=body)
    assert response.status_code == 200
    result = response.get_json()
    validate(result, "Assessment")
    first, second, third = result["loans"]
    assert (first["collectability"], first["proceeds_applied"], first["shortfall"]) == (
        "barred",
        "300000.00",
        "20000.00",
    )
    assert first["exposure"] == "0.00"
    assert (second["collectability"], second["proceeds_applied"], second["exposure"]) == (
        "allowed",
        "0.00",
        "40000.00",
    )
    assert (third["collectability"], third["exposure"]) == ("allowed", "25000.00")
    assert result["exposure_total"] == "65000.00"
    assert result["collectability"] == "allowed"
    assert any("first loan" in a for a in result["assumptions"])
    options = {o["id"]: o for o in result["options"]}
    assert options["chapter-7"]["remaining_exposure"] == "0.00"
    assert options["chapter-7"]["saves"] == "65000.00"
    assert result["tax"]["could_be_forgiven"] == "65000.00"
    assert result["tax"]["nonrecourse_liens"] == ["first"]
    # Biweekly federal limit: 25% of $1,200 = $300 < $1,200 - 60 x $7.25 = $765.
    assert result["garnishment"]["federal_limit"] == "300.00"
