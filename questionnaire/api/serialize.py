"""Turns an Assessment into the JSON of the API contract (money as decimal strings)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..law.assess import Assessment, LoanAssessment
from ..law.deadlines import describe
from ..law.garnishment import GarnishmentEstimate
from ..law.options import Option
from ..law.tax import TaxEstimate
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
        "exposure_range": {
            "low": money(loan.exposure_low),
            "likely": money(loan.exposure),
            "high": money(loan.exposure_high),
        },
    }


def text_of(value: dict[str, str] | None, language: str = "en") -> str | None:
    """A content text in one language."""
    return None if value is None else value.get(language) or value.get("en")


def option_json(option: Option) -> dict[str, Any]:
    """One option as the API shows it."""
    text = option.text
    return {
        "id": option.id,
        "title": text_of(text.title),
        "available": option.available,
        "why": option.why,
        "remaining_exposure": money(option.remaining_exposure),
        "saves": money(option.saves),
        "summary": text_of(text.summary),
        "ask_for": text_of(text.ask_for),
        "time": text_of(text.time),
        "cautions": [
            {"text": text_of(c.text), "citations": list(c.citations)} for c in text.cautions
        ],
        "citations": list(text.citations),
        "confidence": text.confidence,
    }


def tax_json(tax: TaxEstimate | None) -> dict[str, Any] | None:
    """The tax block."""
    if tax is None:
        return None
    return {
        "forgiven_now": money(tax.forgiven_now),
        "could_be_forgiven": money(tax.could_be_forgiven),
        "form_1099c_likely": tax.form_1099c_likely,
        "nonrecourse_liens": list(tax.nonrecourse),
        "taxable_estimate": {"low": money(tax.taxable_low), "high": money(tax.taxable_high)},
        "exclusions": [
            {
                "id": e.id,
                "applies": e.applies,
                "amount": money(e.amount),
                "reason": e.reason,
                "citations": list(e.rule.citations),
                "confidence": e.rule.confidence,
            }
            for e in tax.exclusions
        ],
        "rules": [{"id": r.id, "note": r.note, "citations": list(r.citations)} for r in tax.rules],
    }


def garnishment_json(item: GarnishmentEstimate | None) -> dict[str, Any] | None:
    """The garnishment block (null unless pay was given)."""
    if item is None:
        return None
    return {
        "period": item.period,
        "pay_after_taxes": money(item.pay),
        "federal_limit": money(item.federal_limit),
        "state_rule": item.state_rule,
        "state_limit": money(item.state_limit),
        "most_per_paycheck": money(item.limit),
        "exact": item.exact,
        "state_note": item.state.note,
        "citations": ["15 U.S.C. § 1673(a)", "29 C.F.R. § 870.10", *item.state.citations],
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
        "exposure_range": {
            "low": money(assessment.exposure_low),
            "likely": money(assessment.exposure_total),
            "high": money(assessment.exposure_high),
        },
        "options": [option_json(option) for option in assessment.options],
        "tax": tax_json(assessment.tax),
        "garnishment": garnishment_json(assessment.garnishment),
        "judgment_notes": [
            {"id": n.id, "text": n.note, "citations": list(n.citations), "confidence": n.confidence}
            for n in assessment.judgment_notes
        ],
        "disclaimer": assessment.disclaimer,
    }
