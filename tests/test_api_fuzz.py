"""Property-based contract test: schemathesis drives the API from its own OpenAPI document."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from .conftest import make_app

APP = None


def _app():
    global APP
    if APP is None:
        import tempfile

        folder = tempfile.mkdtemp()
        APP = make_app(f"sqlite:///{folder}/fuzz.sqlite3")
    return APP


# The PDF endpoint renders documents (seconds each); its inputs are the same case facts,
# so it is covered by test_pdf.py instead.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", _app()).exclude(
    path="/api/v1/report.pdf"
)


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500, response.text
    if response.status_code == 422:
        # Rules a JSON Schema cannot state (e.g. each loan needs its own lien position) may
        # refuse a schema-valid body: the answer must then name the field.
        assert all(error["message"] for error in response.json()["errors"])
    case.validate_response(response, excluded_checks=[positive_data_acceptance])


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused(method: str) -> None:
    with _app().test_client() as client:
        assert getattr(client, method)("/api/v1/assessments").status_code == 405
