"""Federal rules, loan-owner policies and written releases, applied on top of state law."""

from __future__ import annotations

from .case import Case, Loan
from .facts import FederalLaw, FederalRule
from .matching import match
from .verdict import RANK, Finding, Reason


def _reason(federal: FederalLaw, rule: FederalRule, text: str) -> Reason:
    urls = tuple(str(s.url) for s in (federal.source(i) for i in rule.sources) if s is not None)
    note = f" {rule.note.strip()}" if rule.note else ""
    return Reason(text + note, tuple(rule.citations), urls)


def apply_federal(
    federal: FederalLaw, case: Case, loan: Loan, processes: list[str], finding: Finding
) -> Finding:
    """Let federal rules bar, limit or pause collection; uncertain ones make the answer unclear."""
    for rule in federal.rules:
        results = [match(rule.applies_to, case, loan, p) for p in processes]
        if all(r.fits is False for r in results):
            continue
        fits = all(r.fits is True for r in results)
        if rule.effect == "none":
            # No change to the verdict, but the person should know (e.g. USDA may still
            # try to recover its loss as a federal debt).
            if fits:
                finding.reasons.append(_reason(federal, rule, "Good to know:"))
            continue
        # A release names one lender: with several loans we cannot tell whose it was.
        shared = rule.applies_to.written_release is not None and len(case.loans) > 1
        # A loan owner's program only helps once the lender has approved the deal.
        program = rule.applies_to.loan_owners is not None
        not_yet = program and case.stage.endswith("_planned")
        sure = (
            fits
            and not rule.other_conditions
            and rule.confidence != "low"
            and not shared
            and not not_yet
        )
        if rule.effect == "paused":
            if fits:
                finding.reasons.append(
                    _reason(federal, rule, "For now, the lender must stop trying to collect.")
                )
            continue
        if sure:
            current = finding.collectability
            if (current == "unclear" and rule.effect == "barred") or (
                current != "unclear" and RANK[rule.effect] < RANK[current]
            ):
                if rule.effect == "barred" and current != "barred":
                    finding.barred_by = "federal"
                finding.collectability = rule.effect
            text = (
                "Federal law or the loan owner's rules stop the lender from collecting the rest."
                if rule.effect == "barred"
                else "Federal law or the loan owner's rules limit what the lender can collect."
            )
            finding.reasons.append(_reason(federal, rule, text))
            finding.assumptions.extend(a for a in rule.assumptions if a not in finding.assumptions)
        elif finding.collectability != "barred" and (
            finding.collectability == "unclear" or RANK[rule.effect] < RANK[finding.collectability]
        ):
            finding.collectability = "unclear"
            missing = sorted({m for r in results for m in r.missing})
            text = "A federal rule or the loan owner's policy may protect you"
            text += f", depending on {', '.join(missing)}." if missing else "."
            if shared:
                text += " You have more than one loan: check that each lender signed a release."
            if not_yet:
                text += " It applies only once the lender approves the deal under its program."
            if rule.other_conditions:
                text += " It depends on: " + " ".join(c.strip() for c in rule.other_conditions)
            finding.reasons.append(_reason(federal, rule, text + " Ask a lawyer."))
    return finding
