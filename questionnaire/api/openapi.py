"""The OpenAPI 3.1 document for the API, built from the same vocabularies the code checks."""

from __future__ import annotations

from typing import Any

from ..law import case as vocab
from ..law.deciding import DATE_FACTS, DecidingFact
from ..states import STATE_NAMES
from ..vocabulary import CreditBasis, Trigger, Verdict, values

# Money in: a decimal string ("1234.56") or a JSON number (read exactly, never as a float).
MONEY = {
    "type": ["string", "number"],
    "pattern": r"^\$?[0-9][0-9,]*(\.[0-9]{1,2})?$",
    "minimum": 0,
    "examples": ["1234.56"],
}
SUMMARY_REF = "#/components/schemas/JurisdictionSummary"
MONEY_OUT = {"type": ["string", "null"], "pattern": r"^[0-9]+\.[0-9]{2}$"}
DATE = {"type": "string", "format": "date"}
DATE_OUT = {"type": ["string", "null"], "format": "date"}
VERDICT = {"type": "string", "enum": list(values(Verdict))}
REASON_REF = {"type": "array", "items": {"$ref": "#/components/schemas/Reason"}}


def _deciding(names: tuple[str, ...], describe: dict[str, str]) -> dict[str, Any]:
    """One request field per deciding fact: a date, or yes / no / not_sure."""
    fields: dict[str, Any] = {}
    for name in names:
        text = "Deciding fact: " + describe.get(name, name.replace("_", " "))
        if name in DATE_FACTS:
            fields[name] = {**DATE, "description": text}
        else:
            fields[name] = _enum(vocab.ANSWERS, text)
    return fields


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


def _schemas(describe: dict[str, str]) -> dict[str, Any]:
    case_facts = tuple(f.value for f in DecidingFact if f.value in vocab.CASE_FIELDS)
    loan_facts = tuple(f.value for f in DecidingFact if f.value in vocab.LOAN_FIELDS)
    reason = {
        "type": "object",
        "required": ["code", "params", "text", "citations", "sources"],
        "properties": {
            "code": {"type": "string", "description": "The finding's message code."},
            "params": {"type": "object", "description": "Its typed parameters."},
            "text": {"type": "string", "description": "The finding in the asked language."},
            "citations": {"type": "array", "items": {"type": "string"}},
            "sources": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["title", "url"],
                    "properties": {
                        "title": {"type": "string"},
                        "url": {"type": "string", "format": "uri"},
                    },
                },
            },
        },
    }
    deadline = {
        "type": "object",
        "required": ["last_day", "passed", "trigger", "citations"],
        "properties": {
            "last_day": DATE_OUT,
            "passed": {"type": ["boolean", "null"]},
            "trigger": {"type": "string", "enum": list(values(Trigger))},
            "starts": DATE_OUT,
            "starts_next_day": {"type": "boolean"},
            "earliest_last_day": DATE_OUT,
            "latest_last_day": DATE_OUT,
            "needs": {"type": ["string", "null"], "description": "The fact that fixes the day."},
            "depends_on": {"type": "array", "items": {"type": "string"}},
            "lien": {"type": ["string", "null"]},
            "period": {"type": "string"},
            "action": {"type": "string"},
            "confidence": {"type": "string"},
            "citations": {"type": "array", "items": {"type": "string"}},
        },
    }
    unknown = {
        "type": "object",
        "required": ["fact", "lien", "text"],
        "properties": {
            "fact": {"type": "string", "description": "The request field to send."},
            "lien": {"type": ["string", "null"]},
            "text": {"type": "string"},
            "question": {"type": ["string", "null"]},
            "where": {"type": ["string", "null"], "description": "Where to find the answer."},
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
            **_deciding(loan_facts, describe),
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
            "acres": {
                "type": ["number", "string"],
                "minimum": 0,
                "description": "Land area in acres.",
            },
            "loans": {
                "type": "array",
                "minItems": 1,
                "maxItems": 3,
                "items": {"$ref": "#/components/schemas/LoanFacts"},
            },
            "stage": _enum(vocab.STAGES, "What is happening with the home."),
            "foreclosure_type": _enum(vocab.FORECLOSURE_TYPES, "Court (judicial) or not."),
            "sale_date": {**DATE, "description": "Date of the sale, done or planned."},
            "sale_date_precision": {
                "type": "string",
                "enum": list(vocab.DATE_PRECISIONS),
                "description": "'month' when only the month of the sale is known; the time "
                "limits are then given as a range of days.",
            },
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
            "language": {
                "type": "string",
                "description": "Language of the texts (else Accept-Language).",
            },
            **_deciding(case_facts, describe),
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
            "reasons": REASON_REF,
            "assumptions": {"type": "array", "items": {"type": "string"}},
            "conditions": REASON_REF,
            "unknown_facts": {"type": "array", "items": {"type": "string"}},
            "deadline": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Deadline"}]},
            "deadline_reasons": REASON_REF,
            "total_debt": MONEY_OUT,
            "proceeds_applied": MONEY_OUT,
            "shortfall": MONEY_OUT,
            "deficiency": MONEY_OUT,
            "exposure": MONEY_OUT,
            "credit_basis": {"type": "string", "enum": list(values(CreditBasis))},
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
            "deadline": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Deadline"}]},
            "deadline_reasons": REASON_REF,
            "assumptions": {"type": "array", "items": {"type": "string"}},
            "unknown_facts": {"type": "array", "items": {"$ref": "#/components/schemas/Unknown"}},
            "assumed_facts": {"type": "array", "items": {"$ref": "#/components/schemas/Unknown"}},
            "language": {"type": "string"},
            "conditional": {"type": "boolean"},
            "exposure_range": {"$ref": "#/components/schemas/Range"},
            "plan": {"type": "array", "items": {"$ref": "#/components/schemas/Step"}},
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
        "Step": {
            "allOf": [
                {"$ref": "#/components/schemas/Reason"},
                {
                    "type": "object",
                    "required": ["day", "approximate", "urgent"],
                    "properties": {
                        "day": {"type": ["string", "null"], "format": "date"},
                        "approximate": {"type": "boolean"},
                        "urgent": {"type": "boolean"},
                        "lien": {"type": ["string", "null"]},
                        "paper": {"type": ["string", "null"]},
                    },
                },
            ],
            "description": "One step of the person's action plan, most pressing first.",
        },
        "Deadline": deadline,
        "Unknown": unknown,
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
                "why_code": {"type": "string"},
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


def openapi_document(describe: dict[str, str] | None = None) -> dict[str, Any]:
    """The whole OpenAPI 3.1 document (`describe`: plain words for each deciding fact)."""
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
                        "503": _error("Too many PDFs are being made; try again after Retry-After"),
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
        "components": {"schemas": _schemas(describe or {})},
    }
