"""The OpenAPI 3.1 document for the API, built from the same vocabularies the code checks."""

from __future__ import annotations

from typing import Any

from ..law import case as vocab
from ..states import STATE_NAMES

MONEY = {"type": "string", "pattern": r"^\$?[0-9][0-9,]*(\.[0-9]{1,2})?$", "examples": ["1234.56"]}
SUMMARY_REF = "#/components/schemas/JurisdictionSummary"
MONEY_OUT = {"type": ["string", "null"], "pattern": r"^[0-9]+\.[0-9]{2}$"}
DATE = {"type": "string", "format": "date"}
VERDICT = {"type": "string", "enum": ["barred", "limited", "allowed", "unclear"]}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """Optional facts may also be sent as null, which means 'not known'."""
    out = dict(schema)
    kinds = out.get("type", [])
    out["type"] = [*(kinds if isinstance(kinds, list) else [kinds]), "null"]
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    return out


def _optional_nullable(schema: dict[str, Any]) -> dict[str, Any]:
    required = set(schema["required"])
    properties = {
        name: value if name in required or "type" not in value else nullable(value)
        for name, value in schema["properties"].items()
    }
    return {**schema, "properties": properties}


def _enum(values: tuple[str, ...], description: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values), "description": description}


def _schemas() -> dict[str, Any]:
    reason = {
        "type": "object",
        "required": ["text", "citations", "sources"],
        "properties": {
            "text": {"type": "string"},
            "citations": {"type": "array", "items": {"type": "string"}},
            "sources": {"type": "array", "items": {"type": "string", "format": "uri"}},
        },
    }
    loan_in = {
        "type": "object",
        "additionalProperties": False,
        "required": ["lien"],
        "properties": {
            "lien": _enum(vocab.LIENS, "Lien position."),
            "purpose": _enum(vocab.PURPOSES, "What the loan was for."),
            "owner": _enum(vocab.OWNERS, "Who owns or backs the loan."),
            **{
                name: {**MONEY, "description": name.replace("_", " ")}
                for name in vocab.MONEY_FIELDS
            },
        },
    }
    case = {
        "type": "object",
        "additionalProperties": False,
        "required": ["state", "stage", "loans"],
        "properties": {
            "state": _enum(tuple(STATE_NAMES), "USPS code of the state, or DC."),
            "occupancy": _enum(vocab.OCCUPANCY, "How the home was used."),
            "units": {
                "type": "integer",
                "minimum": 1,
                "maximum": 5,
                "description": "Dwelling units; 5 means five or more.",
            },
            "acres": {"type": ["number", "string"], "description": "Land area in acres."},
            "loans": {
                "type": "array",
                "minItems": 1,
                "maxItems": 3,
                "items": {"$ref": "#/components/schemas/LoanFacts"},
            },
            "stage": _enum(vocab.STAGES, "What is happening with the home."),
            "foreclosure_type": _enum(vocab.FORECLOSURE_TYPES, "Court (judicial) or not."),
            "sale_date": {**DATE, "description": "Date of the sale, done or planned."},
            "sale_price": {**MONEY, "description": "Price of the foreclosure sale or short sale."},
            "home_value": {**MONEY, "description": "Fair market value at the time of sale."},
            "lender_approved_sale": _enum(vocab.ANSWERS, "The lender approved the short sale."),
            "written_release": _enum(
                vocab.ANSWERS, "A written release or waiver of the deficiency."
            ),
            "bankruptcy": _enum(vocab.BANKRUPTCY, "Bankruptcy status."),
            "lawsuit_served": _enum(vocab.ANSWERS, "Served with a suit for the money."),
            "foreclosing_lien": _enum(
                vocab.FORECLOSING_LIENS, "Which loan's lender foreclosed (default: the first)."
            ),
            "pay_after_taxes": {**MONEY, "description": "Disposable pay for one pay period."},
            "pay_period": _enum(vocab.PAY_PERIODS, "How often the person is paid."),
            "assets_value": {**MONEY, "description": "Value of everything owned (insolvency)."},
            "debts_total": {**MONEY, "description": "All debts owed (insolvency)."},
            "today": {**DATE, "description": "Evaluation date for deadlines (default: today)."},
        },
    }
    loan_out = {
        "type": "object",
        "required": [
            "lien",
            "collectability",
            "reasons",
            "total_debt",
            "proceeds_applied",
            "shortfall",
            "deficiency",
            "credit_basis",
            "exposure",
        ],
        "properties": {
            "lien": _enum(vocab.LIENS, "Lien position."),
            "collectability": VERDICT,
            "reasons": {"type": "array", "items": {"$ref": "#/components/schemas/Reason"}},
            "assumptions": {"type": "array", "items": {"type": "string"}},
            "total_debt": MONEY_OUT,
            "proceeds_applied": MONEY_OUT,
            "shortfall": MONEY_OUT,
            "deficiency": MONEY_OUT,
            "exposure": MONEY_OUT,
            "credit_basis": {
                "type": "string",
                "enum": ["sale_price", "fair_market_value", "greater_of", "none"],
            },
        },
    }
    assessment = {
        "type": "object",
        "required": [
            "jurisdiction",
            "collectability",
            "loans",
            "exposure_total",
            "deadline",
            "options",
            "tax",
            "disclaimer",
        ],
        "properties": {
            "jurisdiction": {"$ref": SUMMARY_REF},
            "collectability": VERDICT,
            "processes": {"type": "array", "items": {"type": "string"}},
            "loans": {"type": "array", "items": {"$ref": "#/components/schemas/LoanAssessment"}},
            "exposure_total": MONEY_OUT,
            "deadline": {
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "required": ["last_day", "passed", "trigger", "citations"],
                        "properties": {
                            "last_day": {"type": ["string", "null"], "format": "date"},
                            "passed": {"type": ["boolean", "null"]},
                            "trigger": {"type": "string"},
                            "period": {"type": "string"},
                            "action": {"type": "string"},
                            "confidence": {"type": "string"},
                            "citations": {"type": "array", "items": {"type": "string"}},
                        },
                    },
                ]
            },
            "deadline_reasons": {"type": "array", "items": {"$ref": "#/components/schemas/Reason"}},
            "assumptions": {"type": "array", "items": {"type": "string"}},
            "exposure_range": {"$ref": "#/components/schemas/Range"},
            "options": {"type": "array", "items": {"$ref": "#/components/schemas/Option"}},
            "tax": {"type": ["object", "null"]},
            "garnishment": {"type": ["object", "null"]},
            "disclaimer": {"type": "string"},
        },
    }
    errors = {
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["field", "message"],
                    "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                },
            }
        },
    }
    return {
        "CaseFacts": _optional_nullable(case),
        "LoanFacts": _optional_nullable(loan_in),
        "Reason": reason,
        "Range": {
            "type": "object",
            "required": ["low", "likely", "high"],
            "properties": {"low": MONEY_OUT, "likely": MONEY_OUT, "high": MONEY_OUT},
        },
        "Option": {
            "type": "object",
            "required": ["id", "available", "remaining_exposure", "summary", "ask_for", "cautions"],
            "properties": {
                "id": {"type": "string"},
                "title": {"type": "string"},
                "available": {"type": "string", "enum": ["yes", "no", "maybe"]},
                "why": {"type": "string"},
                "remaining_exposure": MONEY_OUT,
                "saves": MONEY_OUT,
                "summary": {"type": "string"},
                "ask_for": {"type": "string"},
                "time": {"type": "string"},
                "cautions": {"type": "array", "items": {"type": "object"}},
                "citations": {"type": "array", "items": {"type": "string"}},
                "confidence": {"type": "string"},
            },
        },
        "LoanAssessment": loan_out,
        "Assessment": assessment,
        "Errors": errors,
        "JurisdictionSummary": {
            "type": "object",
            "required": ["code", "name", "last_reviewed", "confidence"],
            "properties": {
                "code": {"type": "string"},
                "name": {"type": "string"},
                "last_reviewed": DATE,
                "confidence": {"type": "string", "enum": ["high", "medium", "low"]},
            },
        },
    }


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}},
    }


def openapi_document() -> dict[str, Any]:
    """The whole OpenAPI 3.1 document."""
    json_of = lambda ref: {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}  # noqa: E731
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Shortfall API",
            "version": "1.0.0",
            "description": "Whether a lender may collect a mortgage deficiency, with citations. "
            "Legal information, not legal advice.",
            "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"},
        },
        "paths": {
            "/api/v1/assessments": {
                "post": {
                    "operationId": "createAssessment",
                    "summary": "Assess a case",
                    "requestBody": {"required": True, "content": json_of("CaseFacts")},
                    "responses": {
                        "200": {"description": "The assessment", "content": json_of("Assessment")},
                        "413": _error("The request body is too large"),
                        "422": _error("The case facts have problems, listed by field"),
                        "429": _error("Too many requests"),
                    },
                }
            },
            "/api/v1/report.pdf": {
                "post": {
                    "operationId": "createReportPdf",
                    "summary": "The report as a tagged PDF",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "allOf": [{"$ref": "#/components/schemas/CaseFacts"}],
                                    "description": "The case facts, plus an optional "
                                    "`name_on_cover` (80 characters at most).",
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "The PDF",
                            "content": {"application/pdf": {"schema": {"type": "string"}}},
                        },
                        "422": _error("The case facts have problems, listed by field"),
                        "429": _error("Too many requests"),
                        "503": {"description": "Every PDF slot is busy; try again (Retry-After)"},
                    },
                }
            },
            "/api/v1/jurisdictions": {
                "get": {
                    "operationId": "listJurisdictions",
                    "summary": "List the jurisdictions",
                    "responses": {
                        "200": {
                            "description": "All 50 states and DC",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["jurisdictions"],
                                        "properties": {
                                            "jurisdictions": {
                                                "type": "array",
                                                "items": {"$ref": SUMMARY_REF},
                                            }
                                        },
                                    }
                                }
                            },
                        },
                        "429": _error("Too many requests"),
                    },
                }
            },
            "/api/v1/jurisdictions/{code}": {
                "get": {
                    "operationId": "getJurisdiction",
                    "summary": "The law facts of one jurisdiction, with citations",
                    "parameters": [
                        {
                            "name": "code",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "The facts",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "404": _error("No such jurisdiction"),
                        "429": _error("Too many requests"),
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "getOpenAPI",
                    "summary": "This document",
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
        "components": {"schemas": _schemas()},
    }
