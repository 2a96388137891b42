"""Per loan: may the lender collect a deficiency under state law? One of four verdicts."""

from __future__ import annotations

from dataclasses import dataclass, field

from .case import Case, Loan
from .facts import Fact, Jurisdiction, Protection
from .matching import match
from .phrases import BASELINE, PROCESS

RANK = {"barred": 0, "limited": 1, "allowed": 2}  # lower is better for the person


@dataclass(frozen=True)
class Reason:
    """One reason for a verdict, with the law it rests on."""

    text: str
    citations: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # source URLs


@dataclass
class Finding:
    """A verdict for one loan under one process, and why."""

    collectability: str
    credit: str
    reasons: list[Reason] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    # What bars the debt: "state" (no personal liability by law), "federal" (a release or a
    # discharge forgives it) or "deadline" (the lender ran out of time).
    barred_by: str | None = None


def reason(jurisdiction: Jurisdiction, text: str, fact: Fact) -> Reason:
    """A reason citing a fact of this jurisdiction (source ids resolved to URLs)."""
    urls = []
    for source_id in fact.sources:
        source = jurisdiction.source(source_id)
        if source is not None:
            urls.append(str(source.url))
    return Reason(text, tuple(fact.citations), tuple(urls))


def _note(fact: Fact) -> str:
    return f" {fact.note.strip()}" if fact.note else ""


def _usable(jurisdiction: Jurisdiction, topic: str, fact: Fact) -> bool:
    """A fact we may state as settled: not low confidence, and no recorded disagreement."""
    return fact.confidence != "low" and not jurisdiction.disputed(topic)


SOLD_OUT = "Your home was sold in another lender's foreclosure, which wiped out this loan's lien. "


def junior_finding(jurisdiction: Jurisdiction, case: Case, loan: Loan, process: str) -> Finding:
    """A loan wiped out by a senior lender's foreclosure (a 'sold-out junior')."""
    base = jurisdiction.deficiency.sold_out_junior
    if base is None:
        text = (
            SOLD_OUT + f"We have not confirmed {jurisdiction.name}'s rule for this. In most "
            "states that lender can still sue you on the loan. Ask a lawyer."
        )
        finding = Finding("unclear", "none", [Reason(text)])
    else:
        settled = _usable(jurisdiction, "deficiency.sold_out_junior", base)
        finding = Finding(base.rule if settled else "unclear", base.credit)
        text = SOLD_OUT + BASELINE_JUNIOR[base.rule]
        if not settled:
            text += " Our sources are not sure about this, so ask a lawyer."
        finding.reasons.append(reason(jurisdiction, text + _note(base), base))
    return _protect(jurisdiction, case, loan, process, finding, every_loan_only=True)


BASELINE_JUNIOR = {
    "allowed": "That lender can still sue you for what you owe on it.",
    "limited": "That lender can still sue you, but the law limits how much.",
    "barred": "The law does not let that lender collect the rest from you.",
    "unclear": "We could not find a clear rule on whether that lender can still sue you.",
    "not_used": "We could not find a clear rule on whether that lender can still sue you.",
}


def state_finding(jurisdiction: Jurisdiction, case: Case, loan: Loan, process: str) -> Finding:
    """What the state's own law says for this loan if the home is lost this way."""
    state = jurisdiction.name
    base = getattr(jurisdiction.deficiency, process)
    topic = f"deficiency.{process}"
    if base.rule == "not_used":
        text = (
            f"{state} does not use {PROCESS[process]} for homes, so we cannot tell which rules "
            "apply. Check the papers you got, or ask a lawyer."
        )
        return Finding("unclear", "sale_price", [reason(jurisdiction, text, base)])
    settled = _usable(jurisdiction, topic, base) and not jurisdiction.disputed(process)
    finding = Finding(base.rule if settled else "unclear", base.credit)
    text = BASELINE[base.rule].format(state=state, process=PROCESS[process])
    if not settled:
        text += " Our sources are not sure about this, so ask a lawyer."
    finding.reasons.append(reason(jurisdiction, text + _note(base), base))
    return _protect(jurisdiction, case, loan, process, finding, every_loan_only=False)


def _protect(
    jurisdiction: Jurisdiction,
    case: Case,
    loan: Loan,
    process: str,
    finding: Finding,
    every_loan_only: bool,
) -> Finding:
    """Apply the protections that fit, sure ones first; possible ones make the answer unclear."""
    definite: list[Protection] = []
    possible: list[tuple[Protection, tuple[str, ...]]] = []
    for protection in jurisdiction.protections:
        wanted = (
            ("every_loan", "sold_out_junior")
            if every_loan_only
            else ("foreclosed_loan", "every_loan")
        )
        if protection.covers not in wanted:
            continue
        result = match(protection.applies_to, case, loan, process)
        if result.fits is False:
            continue
        sure = (
            result.fits is True
            and not protection.other_conditions
            and _usable(jurisdiction, f"protections.{protection.id}", protection)
        )
        if sure:
            definite.append(protection)
        else:
            possible.append((protection, result.missing))

    effects = {protection.effect for protection in definite}
    if "barred" in effects:
        finding.collectability = "barred"
    elif "limited" in effects and finding.collectability == "allowed":
        finding.collectability = "limited"
    for protection in sorted(definite, key=lambda p: RANK[p.effect]):
        if protection.credit and protection.effect == "limited":
            finding.credit = protection.credit
        text = (
            "A rule protects this loan: the lender cannot collect the rest."
            if protection.effect == "barred"
            else "A rule limits how much the lender can collect on this loan."
        )
        finding.reasons.append(reason(jurisdiction, text + _note(protection), protection))
        finding.assumptions.extend(
            a for a in protection.assumptions if a not in finding.assumptions
        )
    if finding.collectability != "barred":
        for protection, missing in possible:
            if _improves(protection.effect, finding.collectability):
                finding.reasons.append(_maybe(jurisdiction, protection, missing))
                finding.collectability = "unclear"
    if finding.collectability == "barred" and finding.barred_by is None:
        finding.barred_by = "state"
    return finding


def _improves(effect: str, current: str) -> bool:
    return current == "unclear" or RANK[effect] < RANK.get(current, 3)


def _maybe(jurisdiction: Jurisdiction, protection: Protection, missing: tuple[str, ...]) -> Reason:
    effect = "stop the lender from collecting" if protection.effect == "barred" else "limit"
    parts = [f"A rule may {effect} the rest of this loan"]
    if missing:
        parts.append(f", depending on {', '.join(missing)}")
    text = "".join(parts) + "."
    if protection.other_conditions:
        text += " It also depends on things we did not ask: " + " ".join(
            c.strip() for c in protection.other_conditions
        )
    if protection.confidence == "low" or jurisdiction.disputed(f"protections.{protection.id}"):
        text += " Our sources are not sure about this rule."
    text += " Ask a lawyer or housing counselor."
    return reason(jurisdiction, text + _note(protection), protection)


def combine(findings: dict[str, Finding], why: str) -> Finding:
    """Merge the findings of several possibilities; unclear when they disagree."""
    values = list(findings.values())
    if len(values) == 1:
        return values[0]
    verdicts = {f.collectability for f in values}
    credits = {f.credit for f in values}
    merged = Finding(
        verdicts.pop() if len(verdicts) == 1 else "unclear",
        credits.pop() if len(credits) == 1 else "unclear",
    )
    sources = {f.barred_by for f in values}
    merged.barred_by = sources.pop() if len(sources) == 1 else None
    if merged.collectability == "unclear" and len({f.collectability for f in values}) > 1:
        merged.reasons.append(Reason(why))
    for finding in values:
        merged.reasons.extend(r for r in finding.reasons if r not in merged.reasons)
        merged.assumptions.extend(a for a in finding.assumptions if a not in merged.assumptions)
    return merged
