"""assess(case, law) -> Assessment: the pure function every report, PDF and API answer uses."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from .case import Case
from .deadlines import TRIGGERS, DeadlineResult, describe, find_deadline
from .facts import Jurisdiction
from .garnishment import GarnishmentEstimate, estimate
from .library import LawLibrary
from .money import ZERO, fair_value_credit, shortfall, waterfall
from .money_facts import JudgmentNote
from .options import Option, Rerun, compare
from .overlays import apply_federal
from .phrases import CREDIT
from .roles import FORECLOSURES, foreclosing_options, role
from .tax import TaxEstimate, estimate_tax
from .verdict import Finding, Reason, combine, junior_finding, reason, state_finding

COURT = (
    "The answer depends on whether the foreclosure goes through court. "
    "Court papers (a summons or complaint) mean it does."
)
WHICH_LENDER = (
    "The answer depends on which of your lenders is foreclosing. The foreclosure notice "
    "or court papers name it."
)

DISCLAIMER = (
    "This is legal information, not legal advice. Laws change and every case is different. "
    "Talk to a lawyer or a HUD-approved housing counselor about your situation."
)
ORDER = {"allowed": 3, "unclear": 2, "limited": 1, "barred": 0}  # least favourable first
SOLD = ("foreclosure_sale_done", "short_sale_done", "short_sale_planned")
CREDIT_BASIS = ("sale_price", "fair_market_value", "greater_of", "none")


@dataclass(frozen=True)
class LoanAssessment:
    """The verdict and the numbers for one loan."""

    lien: str
    collectability: str
    reasons: tuple[Reason, ...]
    assumptions: tuple[str, ...]
    total_debt: Decimal | None
    proceeds_applied: Decimal | None
    shortfall: Decimal | None
    deficiency: Decimal | None
    credit_basis: str
    exposure: Decimal | None
    # The range behind `exposure`: low if every open question goes your way (protections
    # apply, the fair-value credit is granted), high if none does.
    exposure_low: Decimal | None = None
    exposure_high: Decimal | None = None
    barred_by: str | None = None
    purpose: str | None = None


@dataclass(frozen=True)
class Assessment:
    """Everything we can say about the case."""

    jurisdiction: Jurisdiction
    collectability: str
    processes: tuple[str, ...]
    loans: tuple[LoanAssessment, ...]
    exposure_total: Decimal | None
    deadline: DeadlineResult | None
    deadline_reasons: tuple[Reason, ...]
    assumptions: tuple[str, ...]
    exposure_low: Decimal | None = None
    exposure_high: Decimal | None = None
    tax: TaxEstimate | None = None
    garnishment: GarnishmentEstimate | None = None
    judgment_notes: tuple[JudgmentNote, ...] = ()
    options: tuple[Option, ...] = field(default=())
    disclaimer: str = DISCLAIMER


def processes_for(case: Case, jurisdiction: Jurisdiction) -> list[str]:
    """How the home is (or will be) lost; both court and non-court when we do not know."""
    if case.stage.startswith("short_sale"):
        return ["short_sale"]
    if case.stage.startswith("deed_in_lieu"):
        return ["deed_in_lieu"]
    if case.foreclosure_type in ("judicial", "nonjudicial"):
        return [case.foreclosure_type]
    return list(jurisdiction.foreclosure.processes)


def _unasked(case: Case) -> list[str]:
    """What we take as 'no' when the person did not tell us."""
    assumed = []
    if any(
        loan.principal is not None and (loan.interest_owed is None or loan.fees_and_costs is None)
        for loan in case.loans
    ):
        assumed.append(
            "We left out interest and fees you did not give us, so the real amounts may be higher."
        )
    if case.bankruptcy is None:
        assumed.append("We assumed you have not filed for bankruptcy.")
    selling = case.stage.startswith(("short_sale", "deed_in_lieu"))
    if case.written_release is None and selling:
        assumed.append("We assumed the lender has not agreed in writing to give up the rest.")
    if case.lender_approved_sale is None and case.stage.startswith("short_sale"):
        assumed.append("We assumed the lender has not approved the short sale in writing.")
    return assumed


def _price(case: Case, assumptions: list[str]) -> Decimal | None:
    """The money the sale brings (or, before a sale, our estimate of it)."""
    if case.stage in SOLD:
        return case.sale_price
    if case.stage.startswith("deed_in_lieu"):
        return None
    if case.home_value is not None:
        assumptions.append(
            "There has been no sale yet, so we used your estimate of the home's value as the "
            "sale price. Foreclosure sales often bring less, which would raise what you owe."
        )
    return case.home_value


def _deadline_effects(
    jurisdiction: Jurisdiction, case: Case, result: DeadlineResult | None, processes: list[str]
) -> tuple[list[Reason], str | None]:
    """Reasons about the time limit, and 'barred' when it has surely run out."""
    if result is None:
        text = (
            f"We did not find a special time limit in {jurisdiction.name} law for the lender to "
            "ask for the rest of the debt. General time limits for suing on a debt may still apply."
        )
        return [Reason(text)], None
    rule = result.rule
    when = f"within {describe(rule.period)} after {TRIGGERS[rule.trigger]}"
    text = f"The lender must act {when}."
    if result.last_day is not None:
        text += f" For you, the last day is {result.last_day.isoformat()}."
    note = f" {rule.note.strip()}" if rule.note else ""
    reasons = [reason(jurisdiction, text + note, rule)]
    disputed = any(jurisdiction.disputed(f"deadline.{p}") for p in processes)
    settled = rule.confidence == "high" and not disputed
    if result.passed and case.lawsuit_served == "no" and settled:
        reasons.append(
            reason(
                jurisdiction,
                "That day has passed, and you have not been served "
                "with court papers, so the lender is out of time.",
                rule,
            )
        )
        return reasons, "barred"
    if result.passed and case.lawsuit_served in ("yes", "not_sure"):
        reasons.append(
            reason(
                jurisdiction,
                "That day has passed. If the lender filed its claim "
                "after that day, it may be too late. Tell your lawyer.",
                rule,
            )
        )
    return reasons, None


SENIOR = (
    "This loan's lender did not foreclose, so the loan stays on the home and the sale did not "
    "pay it. What you owe on it depends on what that lender does next. Ask a lawyer."
)


def _loan_finding(
    law: LawLibrary,
    case: Case,
    index: int,
    processes: list[str],
    foreclosed: int,
    deadline: DeadlineResult | None,
    deadline_reasons: list[Reason],
    deadline_verdict: str | None,
) -> Finding:
    """The finding for one loan, given which loan was foreclosed."""
    jurisdiction, loan = law.jurisdictions[case.state], case.loans[index]
    foreclosure = all(p in FORECLOSURES for p in processes)
    position = role(index, foreclosed) if foreclosure else "foreclosed"
    if position == "senior":
        return Finding("unclear", "none", [Reason(SENIOR)])
    judge = state_finding if position == "foreclosed" else junior_finding
    finding = combine({p: judge(jurisdiction, case, loan, p) for p in processes}, COURT)
    finding = apply_federal(law.federal, case, loan, processes, finding)
    if position == "junior":
        # Time limits that bind a lender whose lien another lender's sale wiped out.
        junior = find_deadline(jurisdiction, case, processes, covers=("sold_out_junior",))
        reasons, verdict = _deadline_effects(jurisdiction, case, junior, processes)
        if junior is not None:
            finding.reasons.extend(reasons)
            if verdict and finding.collectability != "barred":
                finding.collectability = verdict
                finding.barred_by = "deadline"
    bound = position == "foreclosed" or (
        deadline is not None and deadline.rule.covers == "every_loan"
    )
    if deadline_verdict and bound and finding.collectability != "barred":
        finding.collectability = deadline_verdict
        finding.barred_by = "deadline"
        finding.reasons.extend(deadline_reasons)
    if finding.collectability in ("barred", "limited"):
        finding.reasons.extend(
            reason(jurisdiction, f"Watch out: {item.note.strip()}", item)
            for item in jurisdiction.exceptions
            if item.note
        )
    return finding


def assess(case: Case, law: LawLibrary) -> Assessment:
    """Decide, for every loan, whether and how much the lender may collect, with reasons;
    then compare the options by running the same rules on the changed facts."""
    base = _assess_case(case, law)
    if law.options is None:
        return base
    rerun = Rerun(case, lambda changed: _assess_case(changed, law))
    return replace(base, options=tuple(compare(case, base, law.options, rerun)))


def _assess_case(case: Case, law: LawLibrary) -> Assessment:
    """The assessment without the options."""
    jurisdiction = law.jurisdictions[case.state]
    processes = processes_for(case, jurisdiction)
    assumptions: list[str] = _unasked(case)
    options, assumed = foreclosing_options(case)
    if all(p in FORECLOSURES for p in processes):
        assumptions.extend(assumed)
    price = _price(case, assumptions)
    debts = [loan.total_debt for loan in case.loans]
    known = [d if d is not None else ZERO for d in debts]
    first_paid = (
        options[0] if len(options) == 1 and all(p in FORECLOSURES for p in processes) else 0
    )
    paid: list[Decimal | None] = [None] * len(debts)
    if price is not None:
        paid = [None] * first_paid + list(waterfall(price, known[first_paid:]))
        for index in range(first_paid, len(debts)):
            # Below a loan whose balance is unknown we cannot tell what the sale paid.
            if any(debts[j] is None for j in range(first_paid, index)):
                paid[index] = None
    deadline = find_deadline(jurisdiction, case, processes)
    deadline_reasons, deadline_verdict = _deadline_effects(jurisdiction, case, deadline, processes)
    if len(processes) > 1:
        # Court or not is unknown: a time limit counts only if every process has one that ran out.
        each = [
            _deadline_effects(jurisdiction, case, find_deadline(jurisdiction, case, [p]), [p])[1]
            for p in processes
        ]
        if deadline_verdict and not all(verdict == "barred" for verdict in each):
            deadline_verdict = None
            deadline_reasons.append(
                Reason(
                    "The lender's time limit depends on whether the foreclosure goes through "
                    "court, so we cannot say it has run out."
                )
            )
    if deadline_verdict:
        assumptions.append(
            "We assumed the lender has not filed a claim in court that you do not "
            "know about yet. Court records can confirm this."
        )
    loans = []
    for index, loan in enumerate(case.loans):
        findings = {
            str(k): _loan_finding(
                law, case, index, processes, k, deadline, deadline_reasons, deadline_verdict
            )
            for k in options
        }
        finding = combine(findings, WHICH_LENDER)
        loans.append(
            _numbers(case, loan.lien, index, finding, debts, paid, price, known, first_paid)
        )
    collectability = max((item.collectability for item in loans), key=ORDER.__getitem__)
    exposures = [item.exposure for item in loans]
    known_exposures = [e for e in exposures if e is not None]
    total = sum(known_exposures, ZERO) if len(known_exposures) == len(exposures) else None
    everything = list(assumptions)
    for item in loans:
        everything.extend(a for a in item.assumptions if a not in everything)
    tax = _tax(case, law, loans)
    pay = None
    if case.pay_after_taxes is not None and case.pay_period is not None:
        pay = estimate(law.garnishment.federal, jurisdiction, case.pay_after_taxes, case.pay_period)
    return Assessment(
        jurisdiction=jurisdiction,
        collectability=collectability,
        processes=tuple(processes),
        loans=tuple(loans),
        exposure_total=total,
        deadline=deadline,
        deadline_reasons=tuple(deadline_reasons),
        assumptions=tuple(everything),
        exposure_low=_total([item.exposure_low for item in loans]),
        exposure_high=_total([item.exposure_high for item in loans]),
        tax=tax,
        garnishment=pay,
        judgment_notes=tuple(law.garnishment.judgment_notes),
    )


def _total(amounts: list[Decimal | None]) -> Decimal | None:
    known = [a for a in amounts if a is not None]
    return sum(known, ZERO) if len(known) == len(amounts) else None


def _tax(case: Case, law: LawLibrary, loans: list[LoanAssessment]) -> TaxEstimate:
    """Forgiven now (release, discharge) and what a later settlement could forgive."""
    forgiven = [
        item.deficiency or ZERO
        for item in loans
        if item.barred_by == "federal" and item.deficiency is not None
    ]
    open_debt = [
        item.deficiency or ZERO for item in loans if item.barred_by not in ("state", "federal")
    ]
    nonrecourse = [item.lien for item in loans if item.barred_by == "state"]
    purposes = {item.purpose for item in loans if item.purpose is not None}
    return estimate_tax(
        case, law.tax, sum(forgiven, ZERO), sum(open_debt, ZERO), nonrecourse, purposes
    )


def _numbers(
    case: Case,
    lien: str,
    index: int,
    finding: Finding,
    debts: list[Decimal | None],
    paid: list[Decimal | None],
    price: Decimal | None,
    known: list[Decimal],
    first_paid: int = 0,
) -> LoanAssessment:
    debt = debts[index]
    basis = finding.credit if finding.credit in CREDIT_BASIS else "sale_price"
    reasons = list(finding.reasons)
    if finding.credit == "unclear":
        reasons.append(
            Reason(
                "We could not tell whether the court would credit the home's fair "
                "market value, so we used the sale price."
            )
        )
    deed = case.stage.startswith("deed_in_lieu")
    credit_amount: Decimal | None = None
    if deed:
        if index == first_paid and case.home_value is not None:
            basis = "fair_market_value"
            credit_amount = case.home_value
            finding.assumptions.append(
                "We assumed the lender that takes the home back credits its full value. It may "
                "credit less, so the top of the range assumes no credit at all."
            )
        elif index > first_paid:
            reasons.append(
                Reason(
                    "Giving the home back to one lender does not pay off the other loans on it. "
                    "Ask each lender for its own written release."
                )
            )
    else:
        credit_amount = fair_value_credit(basis, price, case.home_value)
        if first_paid > 0 and credit_amount is not None and case.home_value is not None:
            # A junior lender's sale leaves the senior loans on the home: only the value above
            # them can be credited.
            seniors = debts[:first_paid]
            if any(d is None for d in seniors):
                credit_amount = price
            else:
                above = case.home_value - sum((d for d in seniors if d is not None), ZERO)
                credit_amount = max(above, price or ZERO, ZERO)
        if basis in ("fair_market_value", "greater_of") and case.home_value is None:
            reasons.append(
                Reason(
                    f"The law here credits {CREDIT[basis]}. Tell us what the home "
                    "was worth to see how much that could lower the amount."
                )
            )
    proceeds = paid[index]
    gap = shortfall(debt, proceeds) if debt is not None and proceeds is not None else None
    if debt is not None and proceeds is None and credit_amount is None:
        gap = None
    credited = None
    unknown_above = any(debts[j] is None for j in range(first_paid, index))
    if credit_amount is not None and index >= first_paid and not unknown_above:
        credited = waterfall(credit_amount, known[first_paid:])[index - first_paid]
    deficiency = shortfall(debt, credited) if debt is not None and credited is not None else gap
    if deficiency is not None and gap is not None:
        deficiency = min(deficiency, gap)
    if deed and gap is None:
        # No sale: the gap is the whole debt, less the home's value for the lender taking it.
        gap = debt if index != first_paid or credit_amount is None else deficiency
        if deficiency is None:
            deficiency = gap
    exposure = ZERO if finding.collectability == "barred" else deficiency
    low, high = exposure, exposure
    if finding.collectability == "unclear":
        low = ZERO if deficiency is not None else None
    if finding.collectability != "barred" and gap is not None:
        high = gap  # no fair-value credit granted
        if deed and debt is not None:
            high = debt  # the lender taking the home may credit less than its value
        if basis in ("fair_market_value", "greater_of") and case.home_value is None:
            low = ZERO  # an unknown fair value could cover the whole gap
    return LoanAssessment(
        lien=lien,
        collectability=finding.collectability,
        reasons=tuple(reasons),
        assumptions=tuple(finding.assumptions),
        total_debt=debt,
        proceeds_applied=proceeds,
        shortfall=gap,
        deficiency=deficiency,
        credit_basis=basis,
        exposure=exposure,
        exposure_low=low,
        exposure_high=high,
        barred_by=finding.barred_by,
        purpose=case.loans[index].purpose,
    )
