"""Federal rules, loan-owner policies and written releases, applied on top of state law."""

from __future__ import annotations

from typing import Any

from .case import Case, Loan
from .facts import Fact, FederalLaw
from .findings import Reason
from .matching import match
from .verdict import RANK, Finding, assumed_facts


def federal_reason(federal: FederalLaw, rule: Fact, code: str, **params: Any) -> Reason:
    """A finding resting on a federal rule: its words, citations and sources."""
    return Reason(code, params, rule.says, tuple(rule.citations), federal.refs(rule))


def apply_federal(
    federal: FederalLaw, case: Case, loan: Loan, processes: list[str], finding: Finding
) -> Finding:
    """Let federal rules bar, limit or pause collection; uncertain ones make the answer unclear."""
    ways = frozenset(processes)
    for rule in federal.rules:
        where = rule.applies_to
        if (where.liens is not None and loan.lien not in where.liens) or (
            where.processes is not None and ways.isdisjoint(where.processes)
        ):
            continue  # as match() would say for every process, without asking it
        results = [match(where, case, loan, p) for p in processes]
        if all(r.fits is False for r in results):  # no process it could fit
            continue
        fits = all(r.fits is True for r in results)
        if rule.effect == "none":
            # No change to the verdict, but the person should know (e.g. USDA may still
            # try to recover its loss as a federal debt).
            if fits:
                finding.reasons.append(federal_reason(federal, rule, "federal-good-to-know"))
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
                finding.reasons.append(federal_reason(federal, rule, "federal-paused"))
            continue
        if sure:
            current = finding.collectability
            if (current == "unclear" and rule.effect == "barred") or (
                current != "unclear" and RANK[rule.effect] < RANK[current]
            ):
                if rule.effect == "barred" and current != "barred":
                    finding.barred_by = "federal"
                finding.collectability = rule.effect
            finding.reasons.append(federal_reason(federal, rule, f"federal-{rule.effect}"))
            for text in rule.assumptions:
                item = Reason("assumption", {}, text)
                if item not in finding.assumptions:
                    finding.assumptions.append(item)
            assumed = tuple(a for r in results for a in r.assumed)
            finding.assumptions.extend(
                a for a in assumed_facts(assumed) if a not in finding.assumptions
            )
        elif finding.collectability != "barred" and (
            finding.collectability == "unclear" or RANK[rule.effect] < RANK[finding.collectability]
        ):
            finding.collectability = "unclear"
            missing = tuple(sorted({m for r in results for m in r.missing}))
            finding.add_unknown(missing)
            finding.reasons.append(
                federal_reason(
                    federal,
                    rule,
                    "federal-may-protect",
                    facts=missing,
                    each_lender=shared,
                    needs_approval=not_yet,
                    court_decides=bool(rule.other_conditions),
                    unsettled=rule.confidence == "low",
                )
            )
    return finding
