"""Per loan: may the lender collect a deficiency under state law? One of four verdicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .case import Case, Loan
from .facts import Fact, Jurisdiction, Protection
from .findings import Reason
from .matching import match

FORECLOSURES = ("judicial", "nonjudicial")
FAIR_VALUE = ("fair_market_value", "greater_of")
RANK = {"barred": 0, "limited": 1, "allowed": 2}  # lower is better for the person
# Stages where the home is not lost yet: what we say about it is a condition, not a fact.
NOT_YET = (
    "behind_on_payments",
    "foreclosure_started",
    "sale_scheduled",
    "short_sale_planned",
    "deed_in_lieu_planned",
)


@dataclass
class Finding:
    """A verdict for one loan under one process, and why (built up as the rules apply)."""

    collectability: str
    credit: str
    reasons: list[Reason] = field(default_factory=list)
    assumptions: list[Reason] = field(default_factory=list)
    # What bars the debt: "state" (no personal liability by law), "federal" (a release or a
    # discharge forgives it) or "deadline" (the lender ran out of time).
    barred_by: str | None = None
    # The facts (API field names) that would settle an open question about this loan.
    unknown: list[str] = field(default_factory=list)

    def add_unknown(self, names: tuple[str, ...] | list[str]) -> None:
        """Remember facts that would settle this loan's answer."""
        self.unknown.extend(n for n in names if n not in self.unknown)


def cite(jurisdiction: Jurisdiction, fact: Fact, code: str, **params: Any) -> Reason:
    """A finding resting on a fact of this jurisdiction: its words, citations and sources."""
    return Reason(code, params, fact.says, tuple(fact.citations), jurisdiction.refs(fact))


def assumed_facts(assumed: tuple[tuple[str, str], ...]) -> list[Reason]:
    """'We assumed …' for each deciding fact taken at its usual value."""
    return [Reason("assumed-fact", {"fact": name, "value": value}) for name, value in assumed]


def _usable(jurisdiction: Jurisdiction, topic: str, fact: Fact) -> bool:
    """A fact we may state as settled: not low confidence, and no recorded disagreement."""
    return fact.confidence != "low" and not jurisdiction.disputed(topic)


def _credit(jurisdiction: Jurisdiction, topic: str, fact: Fact, credit: str | None) -> str:
    """The credit a fact gives, or 'unclear' when only the credit part is uncertain."""
    if credit is None:
        return "unclear"
    confidence = getattr(fact, "credit_confidence", None) or fact.confidence
    if confidence == "low" or jurisdiction.disputed(f"{topic}.credit"):
        return "unclear"
    return credit


def _capped(finding: Finding) -> Finding:
    """A law that credits the home's fair value limits what the lender can ask for."""
    if finding.collectability == "allowed" and finding.credit in FAIR_VALUE:
        finding.collectability = "limited"
    return finding


def _if(case: Case, code: str) -> str:
    """The conditional form of a code while the home is not lost yet ('if you close…')."""
    return f"{code}-if" if case.stage in NOT_YET else code


def junior_finding(jurisdiction: Jurisdiction, case: Case, loan: Loan, process: str) -> Finding:
    """A loan wiped out by a senior lender's foreclosure (a 'sold-out junior')."""
    base = jurisdiction.deficiency.sold_out_junior
    if base is None:
        finding = Finding("unclear", "none", [Reason("sold-out-junior-no-rule", {})])
    else:
        topic = "deficiency.sold_out_junior"
        settled = _usable(jurisdiction, topic, base)
        rule = base.rule if base.rule != "not_used" else "unclear"
        credit = _credit(jurisdiction, topic, base, base.credit)
        finding = _capped(Finding(rule if settled else "unclear", credit))
        code = f"sold-out-junior-{finding.collectability if settled else rule}"
        finding.reasons.append(cite(jurisdiction, base, _if(case, code)))
        if not settled:
            finding.reasons.append(Reason("law-unsettled", {}))
    return _protect(jurisdiction, case, loan, process, finding, every_loan_only=True)


def state_finding(
    jurisdiction: Jurisdiction, case: Case, loan: Loan, process: str, every_loan_only: bool = False
) -> Finding:
    """What the state's own law says for this loan if the home is lost this way
    (`every_loan_only`: only the rules that protect a loan whoever took the home)."""
    base = getattr(jurisdiction.deficiency, process)
    topic = f"deficiency.{process}"
    params = {"state": jurisdiction.code, "process": process}
    if base.rule == "not_used":
        reason = cite(jurisdiction, base, "process-not-used", **params)
        return Finding("unclear", "sale_price", [reason], unknown=["foreclosure_type"])
    settled = _usable(jurisdiction, topic, base) and not jurisdiction.disputed(process)
    finding = Finding(
        base.rule if settled else "unclear", _credit(jurisdiction, topic, base, base.credit)
    )
    _capped(finding)
    # The words follow the verdict: a fair-value credit makes "allowed" read as "limited".
    rule = finding.collectability if settled else base.rule
    finding.reasons.append(cite(jurisdiction, base, _if(case, f"baseline-{rule}"), **params))
    if not settled:
        finding.reasons.append(Reason("law-unsettled", {}))
    return _protect(jurisdiction, case, loan, process, finding, every_loan_only)


def _protect(
    jurisdiction: Jurisdiction,
    case: Case,
    loan: Loan,
    process: str,
    finding: Finding,
    every_loan_only: bool,
) -> Finding:
    """Apply the protections that fit, sure ones first; possible ones make the answer unclear."""
    definite: list[tuple[Protection, tuple[tuple[str, str], ...]]] = []
    possible: list[tuple[Protection, tuple[str, ...]]] = []
    wanted = ("every_loan",) if every_loan_only else ("foreclosed_loan", "every_loan")
    if every_loan_only and process in FORECLOSURES:
        wanted = ("every_loan", "sold_out_junior")
    for protection in jurisdiction.protections:
        if protection.covers not in wanted:
            continue
        result = match(protection.applies_to, case, loan, process, protection.usual_facts)
        if result.fits is False:
            continue
        sure = (
            result.fits is True
            and not protection.other_conditions
            and _usable(jurisdiction, f"protections.{protection.id}", protection)
        )
        if sure:
            definite.append((protection, result.assumed))
        else:
            possible.append((protection, result.missing))

    effects = {protection.effect for protection, _ in definite}
    if "barred" in effects:
        finding.collectability = "barred"
    elif "limited" in effects and finding.collectability == "allowed":
        finding.collectability = "limited"
    for protection, assumed in sorted(definite, key=lambda p: RANK[p[0].effect]):
        if protection.credit and protection.effect == "limited":
            topic = f"protections.{protection.id}"
            finding.credit = _credit(jurisdiction, topic, protection, protection.credit)
        code = _if(case, f"protection-{protection.effect}")
        finding.reasons.append(cite(jurisdiction, protection, code))
        for text in protection.assumptions:
            item = Reason("assumption", {}, text)
            if item not in finding.assumptions:
                finding.assumptions.append(item)
        finding.assumptions.extend(
            a for a in assumed_facts(assumed) if a not in finding.assumptions
        )
    if finding.collectability != "barred":
        for protection, missing in possible:
            if _improves(protection.effect, finding.collectability):
                finding.reasons.append(_maybe(jurisdiction, protection, missing))
                finding.add_unknown(missing)
                finding.collectability = "unclear"
            elif protection.effect == "limited" and finding.collectability == "limited":
                # The verdict stays "limited", but the rule could lower the amount: say so,
                # and name what would settle it.
                finding.reasons.append(_maybe(jurisdiction, protection, missing))
                finding.add_unknown(missing)
    if finding.collectability == "barred" and finding.barred_by is None:
        finding.barred_by = "state"
    return finding


def _improves(effect: str, current: str) -> bool:
    return current == "unclear" or RANK[effect] < RANK.get(current, 3)


def _maybe(jurisdiction: Jurisdiction, protection: Protection, missing: tuple[str, ...]) -> Reason:
    """A rule that may apply: what it would do, and what it depends on."""
    unsettled = protection.confidence == "low" or bool(
        jurisdiction.disputed(f"protections.{protection.id}")
    )
    return cite(
        jurisdiction,
        protection,
        f"protection-may-{'bar' if protection.effect == 'barred' else 'limit'}",
        facts=missing,
        court_decides=bool(protection.other_conditions),
        unsettled=unsettled,
    )


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
        merged.reasons.append(Reason(why, {}))
        merged.add_unknown([WHY_FACT[why]])
    for finding in values:
        merged.reasons.extend(r for r in finding.reasons if r not in merged.reasons)
        merged.assumptions.extend(a for a in finding.assumptions if a not in merged.assumptions)
        merged.add_unknown(finding.unknown)
    return merged


# What settles each kind of disagreement between possibilities.
WHY_FACT = {
    "depends-on-court": "foreclosure_type",
    "depends-on-foreclosing-lender": "foreclosing_lien",
}
