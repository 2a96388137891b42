"""Turns an Assessment into the JSON of the API contract (money as decimal strings)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..content_memo import once
from ..law.assess import Assessment, LoanAssessment
from ..law.deadlines import DeadlineResult, describe
from ..law.findings import Reason, UnknownFact
from ..law.garnishment import GarnishmentEstimate
from ..law.money_facts import OptionText
from ..law.options import Option
from ..law.plan import Step
from ..law.tax import TaxEstimate
from ..words import Words


def money(amount: Decimal | None) -> str | None:
    """Money as a string with cents, or null when unknown."""
    return None if amount is None else f"{amount:.2f}"


def _param(value: Any) -> Any:
    """A finding's parameter in JSON: money and dates as strings, lists as lists."""
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_param(v) for v in value]
    return value


def reason_json(item: Reason, words: Words) -> dict[str, Any]:
    """One finding: its code and parameters, the text in the asked language, and its law.

    A finding with none of a person's data in it is made once per language (Words.keep)."""
    key = words.shared_key(item)
    if key is None:
        return _reason_json(item, words)
    return words.keep(
        ("json", key, item.citations, item.sources), lambda: _reason_json(item, words)
    )


def _reason_json(item: Reason, words: Words) -> dict[str, Any]:
    return {
        "code": item.code,
        "params": {k: _param(v) for k, v in item.params.items()},
        "text": words.reason(item),
        "citations": list(item.citations),
        "sources": [{"title": s.title, "url": s.url} for s in item.sources],
    }


def deadline_json(result: DeadlineResult | None) -> dict[str, Any] | None:
    """A lender's time limit: the last day (or its bounds), what starts it, and its law."""
    if result is None:
        return None
    rule = result.rule
    return {
        "last_day": result.last_day.isoformat() if result.last_day else None,
        "passed": result.passed,
        "trigger": rule.trigger,
        "starts": result.starts.isoformat() if result.starts else None,
        "starts_next_day": rule.starts_next_day,
        "earliest_last_day": result.earliest.isoformat() if result.earliest else None,
        "latest_last_day": result.latest.isoformat() if result.latest else None,
        "needs": result.needs,
        "depends_on": list(result.missing),
        "period": describe(rule.period),
        "action": rule.action,
        "confidence": rule.confidence,
        "citations": list(rule.citations),
    }


def unknown_json(fact: UnknownFact, words: Words, questions: Mapping[str, Any]) -> dict[str, Any]:
    """A fact still to find out, with its question and where to look."""
    question = questions.get(fact.fact)
    return {
        "fact": fact.fact,
        "lien": fact.lien,
        "text": words.unknown(fact),
        "question": words.pick(question.title) if question is not None else None,
        "where": words.pick(question.hint) if question is not None and question.hint else None,
    }


def loan_json(loan: LoanAssessment, words: Words) -> dict[str, Any]:
    """The per-loan part of the response."""
    return {
        "lien": loan.lien,
        "collectability": loan.collectability,
        "reasons": [reason_json(r, words) for r in loan.reasons],
        "assumptions": [words.reason(a) for a in loan.assumptions],
        "conditions": [reason_json(c, words) for c in loan.conditions],
        "unknown_facts": list(loan.unknown),
        "deadline": deadline_json(loan.deadline),
        "deadline_reasons": [reason_json(r, words) for r in loan.deadline_reasons],
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


def option_json(option: Option, words: Words, kept: dict[Any, Any]) -> dict[str, Any]:
    """One option as the API shows it (`kept`: option_words_kept(words)).

    An option without amounts whose reason carries none of a person's data (a closed door,
    most often) reads the same for everyone: it is made once and kept with the option's own
    words."""
    if option.remaining_exposure is None and option.saves is None:
        why = words.shared_key(option.why)
        if why is not None:
            key = (option.id, option.available, why)
            made = _found(kept, key, option.text)
            if made is None:
                made = _option_json(option, words, kept)
                kept[key] = (option.text, made)
            return made
    return _option_json(option, words, kept)


def _option_json(option: Option, words: Words, kept: dict[Any, Any]) -> dict[str, Any]:
    return {
        **_option_words(option.text, words, kept),
        "id": option.id,
        "available": option.available,
        "why": words.reason(option.why),
        "why_code": option.why.code,
        "remaining_exposure": money(option.remaining_exposure),
        "saves": money(option.saves),
    }


def option_words_kept(words: Words) -> dict[Any, Any]:
    """The options' own words made so far in this language: option id -> (text, JSON), and
    whole options that read the same for everyone (see option_json)."""
    return once(
        (words.words,), f"option words {words.language} {words.fallback} {words.plain}", dict
    )


def _found(kept: dict[Any, Any], key: Any, text: OptionText) -> dict[str, Any] | None:
    """What was kept under `key`, if it was made from this very option text (content loaded
    again is made again)."""
    found = kept.get(key)
    if found is not None and found[0] is text:
        made: dict[str, Any] = found[1]
        return made
    return None


def _option_words(text: OptionText, words: Words, kept: dict[Any, Any]) -> dict[str, Any]:
    """An option's own words and law, the same in every answer in a language: made once."""
    made = _found(kept, text.id, text)
    if made is not None:
        return made
    cautions = (
        {"text": words.pick(c.text), "citations": tuple(c.citations)} for c in text.cautions
    )
    made = {
        "title": words.pick(text.title),
        "summary": words.pick(text.summary),
        "ask_for": words.pick(text.ask_for),
        "time": words.pick(text.time),
        "cautions": tuple(cautions),
        "citations": tuple(text.citations),
        "confidence": text.confidence,
    }
    kept[text.id] = (text, made)
    return made


def tax_json(tax: TaxEstimate | None, words: Words) -> dict[str, Any] | None:
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
                "reason": words.reason(e.reason),
                "reason_code": e.reason.code,
                "citations": list(e.rule.citations),
                "confidence": e.rule.confidence,
            }
            for e in tax.exclusions
        ],
        "rules": [{"id": r.id, "citations": list(r.citations)} for r in tax.rules],
    }


def garnishment_json(item: GarnishmentEstimate | None, words: Words) -> dict[str, Any] | None:
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
        "state_note": words.pick(item.state.says),
        "citations": ["15 U.S.C. § 1673(a)", "29 C.F.R. § 870.10", *item.state.citations],
    }


def assessment_json(
    assessment: Assessment, words: Words, questions: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The whole response body, its texts in the words' language."""
    questions = questions or {}
    kept = option_words_kept(words)
    jurisdiction = assessment.jurisdiction
    deadline = deadline_json(assessment.deadline)
    if deadline is not None:
        deadline["lien"] = assessment.deadline_lien
    return {
        "language": words.language,
        "jurisdiction": {
            "code": jurisdiction.code,
            "name": jurisdiction.name,
            "last_reviewed": jurisdiction.last_reviewed.isoformat(),
            "confidence": jurisdiction.confidence,
        },
        "collectability": assessment.collectability,
        "conditional": assessment.conditional,
        "processes": list(assessment.processes),
        "loans": [loan_json(loan, words) for loan in assessment.loans],
        "exposure_total": money(assessment.exposure_total),
        "deadline": deadline,
        "deadline_reasons": [reason_json(r, words) for r in assessment.deadline_reasons],
        "assumptions": [words.reason(a) for a in assessment.assumptions],
        "unknown_facts": [unknown_json(f, words, questions) for f in assessment.unknown_facts],
        "assumed_facts": [unknown_json(f, words, questions) for f in assessment.assumed_facts],
        "exposure_range": {
            "low": money(assessment.exposure_low),
            "likely": money(assessment.exposure_total),
            "high": money(assessment.exposure_high),
        },
        "plan": [step_json(step, words) for step in assessment.plan],
        "options": [option_json(option, words, kept) for option in assessment.options],
        "tax": tax_json(assessment.tax, words),
        "garnishment": garnishment_json(assessment.garnishment, words),
        "judgment_notes": [
            {
                "id": n.id,
                "text": words.pick(n.says),
                "citations": list(n.citations),
                "confidence": n.confidence,
            }
            for n in assessment.judgment_notes
        ],
        "disclaimer": words.message("disclaimer"),
    }


def step_json(step: Step, words: Words) -> dict[str, Any]:
    """One step of the action plan: its finding, its date and the paper to look for."""
    return {
        **reason_json(step.reason, words),
        "day": step.day.isoformat() if step.day else None,
        "approximate": step.approximate,
        "urgent": step.urgent,
        "lien": step.lien,
        "paper": words.paper(step.paper) or None,
    }
