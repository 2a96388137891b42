"""Turns an Assessment into the JSON of the API contract (money as decimal strings)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..law.assess import Assessment, LoanAssessment
from ..law.deadlines import describe
from ..law.verdict import Reason


def money(amount: Decimal | None) -> str | None:
    """Money as a string with cents, or null when unknown."""
    return None if amount is None else f"{amount:.2f}"


def reason_json(item: Reason) -> dict[str, Any]:
    """One reason with its citations and source links."""
    return {"text": item.text, "citations": list(item.citations), "sources": list(item.sources)}


def loan_json(loan: LoanAssessment) -> dict[str, Any]:
    """The per-loan part of the response."""
    return {
        "lien": loan.lien,
        "collectability": loan.collectability,
        "reasons": [reason_json(r) for r in loan.reasons],
        "assumptions": list(loan.assumptions),
        "total_debt": money(loan.total_debt),
        "proceeds_applied": money(loan.proceeds_applied),
        "shortfall": money(loan.shortfall),
        "deficiency": money(loan.deficiency),
        "credit_basis": loan.credit_basis,
        "exposure": money(loan.exposure),
    }


def assessment_json(assessment: Assessment) -> dict[str, Any]:
    """The whole response body."""
    jurisdiction = assessment.jurisdiction
    deadline = None
    if assessment.deadline is not None:
        rule = assessment.deadline.rule
        last_day = assessment.deadline.last_day
        deadline = {
            "last_day": last_day.isoformat() if last_day else None,
            "passed": assessment.deadline.passed,
            "trigger": rule.trigger,
            "period": describe(rule.period),
            "action": rule.action,
            "confidence": rule.confidence,
            "citations": list(rule.citations),
        }
    return {
        "jurisdiction": {
            "code": jurisdiction.code,
            "name": jurisdiction.name,
            "last_reviewed": jurisdiction.last_reviewed.isoformat(),
            "confidence": jurisdiction.confidence,
        },
        "collectability": assessment.collectability,
        "processes": list(assessment.processes),
        "loans": [loan_json(loan) for loan in assessment.loans],
        "exposure_total": money(assessment.exposure_total),
        "deadline": deadline,
        "deadline_reasons": [reason_json(r) for r in assessment.deadline_reasons],
        "assumptions": list(assessment.assumptions),
        "options": list(assessment.options),
        "tax": None,
        "disclaimer": assessment.disclaimer,
    }
