"""Federal rules, loan-owner policies and written releases, applied on top of state law."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from ..content_memo import once
from .case import Case, Loan
from .facts import Fact, FederalLaw, FederalRule
from .findings import Reason
from .matching import Match, match
from .verdict import RANK, Finding, assumed_facts


def federal_reason(federal: FederalLaw, rule: Fact, code: str, **params: Any) -> Reason:
    """A finding resting on a federal rule: its words, citations and sources."""
    return Reason(code, params, rule.says, tuple(rule.citations), federal.refs(rule))


class FederalFit(NamedTuple):
    """A federal rule that may fit one loan, and how: its match for each process, whether it
    fits them all, and whether its effect is then sure (nothing left for a court or a lender)."""

    rule: FederalRule
    results: tuple[Match, ...]
    fits: bool
    sure: bool
    shared: bool  # a release, with several loans: we cannot tell whose it was
    not_yet: bool  # a loan owner's program, before the lender has approved the deal


class FederalFits:
    """The federal rules that may fit one loan, however its state's law reads; matched only as
    far as they are asked for, so a rule that surely bars can end an option's rerun early."""

    def __init__(self, federal: FederalLaw, case: Case, loan: Loan, processes: list[str]):
        self._pending = _matched(federal, case, loan, processes)
        self._found: list[FederalFit] = []

    def surely_barred(self) -> bool:
        """Whether a rule surely bars collection: apply_federal then makes the loan barred
        whatever its state's law says."""
        if any(_bars(fit) for fit in self._found):
            return True
        for fit in self._pending:
            self._found.append(fit)
            if _bars(fit):
                return True
        return False

    def all(self) -> tuple[FederalFit, ...]:
        """Every rule that may fit, in the order of the federal law file."""
        self._found.extend(self._pending)
        return tuple(self._found)


def _bars(fit: FederalFit) -> bool:
    return fit.sure and fit.rule.effect == "barred"


def _candidates(federal: FederalLaw, lien: str, processes: tuple[str, ...]) -> list[FederalRule]:
    """The rules whose lien and processes leave room for this loan (the others match() would
    refuse for every process), worked out once per lien and processes."""

    def build() -> list[FederalRule]:
        ways = frozenset(processes)
        return [
            rule
            for rule in federal.rules
            if (rule.applies_to.liens is None or lien in rule.applies_to.liens)
            and (
                rule.applies_to.processes is None or not ways.isdisjoint(rule.applies_to.processes)
            )
        ]

    return once((federal,), f"federal rules {lien} {' '.join(processes)}", build)


def _matched(
    federal: FederalLaw, case: Case, loan: Loan, processes: list[str]
) -> Iterator[FederalFit]:
    for rule in _candidates(federal, loan.lien, tuple(processes)):
        where = rule.applies_to
        results = tuple([match(where, case, loan, p) for p in processes])
        if len(results) == 1:
            if results[0].fits is False:
                continue
            fits = results[0].fits is True
        else:
            verdicts = {r.fits for r in results}
            if verdicts == {False}:  # no process it could fit
                continue
            fits = verdicts == {True}
        shared = where.written_release is not None and len(case.loans) > 1
        not_yet = where.loan_owners is not None and case.stage.endswith("_planned")
        sure = (
            fits
            and not rule.other_conditions
            and rule.confidence != "low"
            and not shared
            and not not_yet
        )
        yield FederalFit(rule, results, fits, sure, shared, not_yet)


def apply_federal(federal: FederalLaw, fits: tuple[FederalFit, ...], finding: Finding) -> Finding:
    """Let federal rules bar, limit or pause collection; uncertain ones make the answer unclear."""
    for rule, results, fits_all, sure, shared, not_yet in fits:
        if rule.effect == "none":
            # No change to the verdict, but the person should know (e.g. USDA may still
            # try to recover its loss as a federal debt).
            if fits_all:
                finding.reasons.append(federal_reason(federal, rule, "federal-good-to-know"))
            continue
        if rule.effect == "paused":
            if fits_all:
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
