"""assess(case, law) -> Assessment: the pure function every report, PDF and API answer uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .case import Case
from .deadlines import DeadlineResult, find_deadline, period_parts
from .deciding import LOAN_FACTS, can_find_out
from .facts import Jurisdiction
from .findings import Reason, UnknownFact, finding
from .garnishment import GarnishmentEstimate, estimate
from .library import LawLibrary
from .money import ZERO, fair_value_credit, shortfall, waterfall
from .money_facts import JudgmentNote
from .options import Option, Rerun, compare
from .overlays import FederalFit, FederalFits, apply_federal
from .plan import Step, action_plan
from .records import evolve, fast_init
from .roles import FORECLOSURES, foreclosing_options, role
from .tax import TaxEstimate, estimate_tax
from .verdict import (
    NOT_YET,
    Finding,
    assumed_facts,
    cite,
    combine,
    junior_finding,
    state_finding,
)

finding_ = finding  # inside _numbers, `finding` is the loan's Finding
# Facts asked per loan (the others are about the whole case).
PER_LOAN = frozenset({*LOAN_FACTS, "purpose", "owner", "principal"})

ORDER = {"allowed": 3, "unclear": 2, "limited": 1, "barred": 0}  # least favourable first
SOLD = ("foreclosure_sale_done", "short_sale_done", "short_sale_planned")
CREDIT_BASIS = ("sale_price", "fair_market_value", "greater_of", "none")


@fast_init
@dataclass(frozen=True)
class LoanAssessment:
    """The verdict, the numbers and the lender's deadline for one loan."""

    lien: str
    collectability: str
    reasons: tuple[Reason, ...]
    assumptions: tuple[Reason, ...]
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
    deadline: DeadlineResult | None = None
    deadline_reasons: tuple[Reason, ...] = ()
    # What this verdict rests on: a plan not carried out yet, facts we assumed or lack.
    conditions: tuple[Reason, ...] = ()
    unknown: tuple[str, ...] = ()  # facts (API field names) that would settle this loan

    @property
    def carries_exposure(self) -> bool:
        """True when the lender may still have money to ask for on this loan."""
        return self.collectability != "barred" and (self.exposure is None or self.exposure > 0)


@fast_init
@dataclass(frozen=True)
class Assessment:
    """Everything we can say about the case."""

    jurisdiction: Jurisdiction
    collectability: str
    processes: tuple[str, ...]
    loans: tuple[LoanAssessment, ...]
    exposure_total: Decimal | None
    # The earliest deadline of a loan that still carries exposure (None when none does).
    deadline: DeadlineResult | None
    deadline_reasons: tuple[Reason, ...]
    assumptions: tuple[Reason, ...]
    exposure_low: Decimal | None = None
    exposure_high: Decimal | None = None
    tax: TaxEstimate | None = None
    garnishment: GarnishmentEstimate | None = None
    judgment_notes: tuple[JudgmentNote, ...] = ()
    options: tuple[Option, ...] = field(default=())
    unknown_facts: tuple[UnknownFact, ...] = ()
    assumed_facts: tuple[UnknownFact, ...] = ()  # deciding facts taken at their usual value
    deadline_lien: str | None = None  # whose deadline `deadline` is
    conditional: bool = False  # the home is not lost yet: verdicts are "if" statements
    plan: tuple[Step, ...] = ()  # the person's own steps, most pressing first


def processes_for(case: Case, jurisdiction: Jurisdiction) -> list[str]:
    """How the home is (or will be) lost; both court and non-court when we do not know."""
    if case.stage.startswith("short_sale"):
        return ["short_sale"]
    if case.stage.startswith("deed_in_lieu"):
        return ["deed_in_lieu"]
    if case.foreclosure_type in ("judicial", "nonjudicial"):
        return [case.foreclosure_type]
    return list(jurisdiction.foreclosure.processes)


def _unasked(case: Case) -> list[Reason]:
    """What we take as 'no' when the person did not tell us."""
    assumed = []
    if any(
        loan.principal is not None and (loan.interest_owed is None or loan.fees_and_costs is None)
        for loan in case.loans
    ):
        assumed.append(finding("assumed-no-interest-fees"))
    if case.bankruptcy is None:
        assumed.append(finding("assumed-no-bankruptcy"))
    selling = case.stage.startswith(("short_sale", "deed_in_lieu"))
    if case.written_release is None and selling:
        assumed.append(finding("assumed-no-release"))
    if case.lender_approved_sale is None and case.stage.startswith("short_sale"):
        assumed.append(finding("assumed-not-approved"))
    return assumed


def _price(case: Case, assumptions: list[Reason]) -> Decimal | None:
    """The money the sale brings (or, before a sale, our estimate of it)."""
    if case.stage in SOLD:
        return case.sale_price
    if case.stage.startswith("deed_in_lieu"):
        return None
    if case.home_value is not None:
        assumptions.append(finding("assumed-value-as-price"))
    return case.home_value


def _deadline_effects(
    jurisdiction: Jurisdiction, case: Case, result: DeadlineResult | None, processes: list[str]
) -> tuple[list[Reason], str | None]:
    """Reasons about the time limit; 'barred' when it has surely run out, 'unclear' when that
    is not settled law, and 'unclear-served' or 'unclear-day' when one fact would tell
    (SETTLED_BY)."""
    if result is None:
        return [finding("no-special-deadline", state=jurisdiction.code)], None
    rule = result.rule
    count, unit = period_parts(rule.period)
    reasons = [
        cite(
            jurisdiction,
            rule,
            "deadline-rule",
            count=count,
            unit=unit,
            trigger=rule.trigger,
            next_day=rule.starts_next_day,
        )
    ]
    if result.last_day is not None:
        reasons.append(finding("deadline-last-day", day=result.last_day))
    elif result.earliest is not None and result.latest is not None:
        reasons.append(finding("deadline-between", start=result.earliest, end=result.latest))
    elif result.earliest is not None and result.needs is None:
        # The sale date is known; the event the time counts from (e.g. the court's end of
        # the buy-back period) is not something we can ask for a day of.
        reasons.append(
            finding("deadline-not-before-event", day=result.earliest, trigger=rule.trigger)
        )
    elif result.earliest is not None:
        reasons.append(finding("deadline-not-before", day=result.earliest, needs=result.needs))
    elif result.latest is not None and result.needs is None:
        reasons.append(finding("deadline-not-after-event", day=result.latest, trigger=rule.trigger))
    elif result.latest is not None:
        reasons.append(finding("deadline-not-after", day=result.latest, needs=result.needs))
    elif result.needs is not None:
        reasons.append(finding("deadline-needs-date", needs=result.needs))
    if result.missing:
        reasons.append(finding("deadline-depends", facts=result.missing))
    disputed = any(jurisdiction.disputed(f"deadline.{p}") for p in processes)
    settled = rule.confidence == "high" and not disputed and not result.missing
    out_of_time = case.lawsuit_served == "no" or rule.voids_judgment
    day = result.last_day or result.latest
    if result.passed is None and result.earliest and result.latest and out_of_time:
        # Only the month of the sale is known, and today falls inside the range of last days.
        reasons.append(finding("deadline-may-have-passed-day", end=result.latest))
        return reasons, "unclear-day"
    if result.passed and out_of_time and settled:
        code = "deadline-judgment-void" if rule.voids_judgment else "deadline-passed-not-served"
        reasons.append(finding(code, day=day))
        return reasons, "barred"
    if result.passed and out_of_time:
        # The time may have run out, but this time limit is not settled law (or depends on
        # facts we lack): neither "barred" nor "the lender can collect" would be honest.
        reasons.append(finding("deadline-may-have-passed", day=day, unsettled=True))
        return reasons, "unclear"
    if result.passed and settled and case.lawsuit_served in ("not_sure", None):
        # Out of time unless the lender sued before that day: whether it did settles it.
        reasons.append(finding("deadline-passed-if-not-sued", day=day))
        return reasons, "unclear-served"
    if result.passed and case.lawsuit_served in ("yes", "not_sure", None):
        reasons.append(finding("deadline-passed-served", day=day))
    return reasons, None


def _deadline_for(
    jurisdiction: Jurisdiction,
    case: Case,
    processes: list[str],
    covers: tuple[str, ...],
    index: int,
) -> tuple[DeadlineResult | None, list[Reason], str | None]:
    """One loan's time limit, its reasons, and 'barred' only if it surely ran out."""
    loan = case.loans[index]
    result = find_deadline(jurisdiction, case, processes, covers, loan)
    reasons, verdict = _deadline_effects(jurisdiction, case, result, processes)
    if verdict and len(processes) > 1:
        # Court or not is unknown: a time limit counts only if every process has one that ran out.
        each = [
            _deadline_effects(
                jurisdiction, case, find_deadline(jurisdiction, case, [p], covers, loan), [p]
            )[1]
            for p in processes
        ]
        if verdict == "barred" and not all(v == "barred" for v in each):
            verdict = "unclear" if any(v for v in each) else None
            reasons.append(finding("deadline-depends-on-court"))
    return result, reasons, verdict


# A time limit that may have run out, and the fact that would tell: whether the lender sued
# in time, or the exact day of a sale known only by its month.
SETTLED_BY = {"unclear-served": "lawsuit_served", "unclear-day": "sale_date"}


@dataclass
class _LoanLaw:
    """A loan's finding and its own deadline, for one guess at which lender foreclosed."""

    finding: Finding
    deadline: DeadlineResult | None = None
    deadline_reasons: list[Reason] = field(default_factory=list)


def _loan_finding(
    law: LawLibrary,
    case: Case,
    index: int,
    processes: list[str],
    foreclosed: int,
    federal: tuple[FederalFit, ...],
    numbers_only: bool = False,
) -> _LoanLaw:
    """The finding for one loan, given which loan was foreclosed and the federal rules that
    may fit it (`numbers_only`: only what the loan's amounts need, for an option's rerun)."""
    jurisdiction, loan = law.jurisdictions[case.state], case.loans[index]
    foreclosure = all(p in FORECLOSURES for p in processes)
    position = role(index, foreclosed) if foreclosure else "foreclosed"
    if position == "senior":
        return _LoanLaw(Finding("unclear", "none", [finding("senior-loan-left")]))
    # A deed in lieu goes to one lender (we take the first): the others did not take the home,
    # so a rule for "the lender that takes the deed" does not reach them.
    other_lender = processes == ["deed_in_lieu"] and index > 0
    if position == "foreclosed":
        findings = {
            p: state_finding(jurisdiction, case, loan, p, every_loan_only=other_lender)
            for p in processes
        }
    else:
        findings = {p: junior_finding(jurisdiction, case, loan, p) for p in processes}
    result = combine(findings, "depends-on-court")
    result = apply_federal(law.federal, federal, result)
    if numbers_only and result.collectability == "barred":
        return _LoanLaw(result)  # nothing below changes a barred loan's amounts
    covers = (
        ("foreclosed_loan", "every_loan")
        if position == "foreclosed"
        else ("sold_out_junior", "every_loan")
    )
    deadline, reasons, verdict = _deadline_for(jurisdiction, case, processes, covers, index)
    if verdict == "barred" and result.collectability != "barred":
        result.collectability = verdict
        result.barred_by = "deadline"
    elif (
        verdict is not None
        and verdict.startswith("unclear")
        and result.collectability
        in (
            "allowed",
            "limited",
        )
    ):
        result.collectability = "unclear"
        if verdict in SETTLED_BY:
            result.add_unknown([SETTLED_BY[verdict]])
    if verdict == "unclear" and len(processes) > 1:
        # The time limit differs with the kind of foreclosure: knowing it settles the answer.
        result.add_unknown(["foreclosure_type"])
    if deadline is not None and deadline.assumed:
        result.assumptions.extend(
            a for a in assumed_facts(deadline.assumed) if a not in result.assumptions
        )
    if numbers_only:
        return _LoanLaw(result, deadline)
    if result.collectability == "barred":
        result.reasons[:] = [_general(r, case) for r in result.reasons]
    if result.collectability in ("barred", "limited"):
        result.reasons.extend(
            cite(jurisdiction, item, "watch-out") for item in jurisdiction.exceptions
        )
    return _LoanLaw(result, deadline, reasons)


GENERAL = (
    "baseline-allowed",
    "baseline-limited",
    "sold-out-junior-allowed",
    "sold-out-junior-limited",
)


def _general(reason: Reason, case: Case) -> Reason:
    """A general rule that lets lenders collect, told as such when this loan is barred anyway
    ("in general… but"), so the fine print never contradicts the verdict."""
    code = reason.code.removesuffix("-if")
    if code not in GENERAL:
        return reason
    return evolve(reason, code=f"{code}-but" + ("-if" if case.stage in NOT_YET else ""))


def assess(case: Case, law: LawLibrary) -> Assessment:
    """Decide, for every loan, whether and how much the lender may collect, with reasons;
    then compare the options by running the same rules on the changed facts."""
    base = _assess_case(case, law)
    base = evolve(base, plan=action_plan(case, base, base.jurisdiction, law.federal))
    if law.options is None:
        return base
    rerun = Rerun(case, lambda changed: _exposure_total(_assess_loans(changed, law, True)[3]))
    return evolve(base, options=tuple(compare(case, base, law.options, rerun)))


def deciding_facts(case: Case, law: LawLibrary) -> tuple[UnknownFact, ...]:
    """The facts that would settle an open question for this case, or replace an assumption
    (what the questionnaire should ask next); the options are not compared."""
    result = _assess_case(case, law)
    facts = result.unknown_facts + tuple(
        f for f in result.assumed_facts if f not in result.unknown_facts
    )
    return tuple(f for f in facts if can_find_out(f.fact, not result.conditional))


def _assess_case(case: Case, law: LawLibrary) -> Assessment:
    """The assessment without the options."""
    jurisdiction, processes, assumptions, loans = _assess_loans(case, law)
    if any(item.barred_by == "deadline" for item in loans):
        assumptions.append(finding("assumed-no-hidden-claim"))
    collectability = max((item.collectability for item in loans), key=ORDER.__getitem__)
    everything = list(assumptions)
    for item in loans:
        everything.extend(a for a in item.assumptions if a not in everything)
    tax = _tax(case, law, loans)
    pay = None
    if case.pay_after_taxes is not None and case.pay_period is not None:
        pay = estimate(law.garnishment.federal, jurisdiction, case.pay_after_taxes, case.pay_period)
    lead = _earliest_deadline(loans)
    return Assessment(
        jurisdiction=jurisdiction,
        collectability=collectability,
        processes=tuple(processes),
        loans=tuple(loans),
        exposure_total=_exposure_total(loans),
        deadline=lead.deadline if lead else None,
        deadline_reasons=lead.deadline_reasons if lead else (),
        assumptions=tuple(everything),
        exposure_low=_total([item.exposure_low for item in loans]),
        exposure_high=_total([item.exposure_high for item in loans]),
        tax=tax,
        garnishment=pay,
        judgment_notes=tuple(law.garnishment.judgment_notes),
        unknown_facts=_unknown_facts(loans),
        assumed_facts=_assumed_facts(loans),
        deadline_lien=lead.lien if lead else None,
        conditional=case.stage in NOT_YET,
    )


def _exposure_total(loans: list[LoanAssessment]) -> Decimal | None:
    """What the lenders could pursue in all, None when a loan's exposure is unknown."""
    return _total([item.exposure for item in loans])


def _assess_loans(
    case: Case, law: LawLibrary, numbers_only: bool = False
) -> tuple[Jurisdiction, list[str], list[Reason], list[LoanAssessment]]:
    """Each loan's verdict and numbers, with the case's jurisdiction, processes and the
    assumptions made so far (all an option's "what would be left" needs). `numbers_only`
    leaves out each loan's deadline, conditions and open facts (an option's rerun)."""
    jurisdiction = law.jurisdictions[case.state]
    processes = processes_for(case, jurisdiction)
    assumptions = _unasked(case)
    options, assumed = foreclosing_options(case)
    foreclosure = all(p in FORECLOSURES for p in processes)
    if foreclosure and assumed:
        assumptions.append(finding("assumed-first-lender-forecloses"))
    price = _price(case, assumptions)
    debts = [loan.total_debt for loan in case.loans]
    known = [d if d is not None else ZERO for d in debts]
    first_paid = options[0] if len(options) == 1 and foreclosure else 0
    paid: list[Decimal | None] = [None] * len(debts)
    if price is not None:
        paid = [None] * first_paid + list(waterfall(price, known[first_paid:]))
        for index in range(first_paid, len(debts)):
            # Below a loan whose balance is unknown we cannot tell what the sale paid.
            if any(debts[j] is None for j in range(first_paid, index)):
                paid[index] = None
    loans = []
    for index, loan in enumerate(case.loans):
        fits = FederalFits(law.federal, case, loan, processes)
        left = foreclosure and _may_be_left(index, options)
        if numbers_only and not left and fits.surely_barred():
            # Barred whatever the state's law says: an amount of zero needs no more law.
            barred = Finding("barred", "none", barred_by="federal")
            loans.append(
                _numbers(case, loan.lien, index, barred, debts, paid, price, known, first_paid)
            )
            continue
        federal = fits.all()
        each = {
            str(k): _loan_finding(law, case, index, processes, k, federal, numbers_only)
            for k in options
        }
        merged = combine({k: v.finding for k, v in each.items()}, "depends-on-foreclosing-lender")
        part = next(iter(each.values()))
        numbers = _numbers(case, loan.lien, index, merged, debts, paid, price, known, first_paid)
        if numbers_only:
            loans.append(numbers)
            continue
        loans.append(
            evolve(
                numbers,
                deadline=part.deadline,
                deadline_reasons=tuple(part.deadline_reasons),
                conditions=tuple(_conditions(case, merged)),
                unknown=tuple(merged.unknown) + _deadline_needs(part.deadline, numbers),
            )
        )
    return jurisdiction, processes, assumptions, loans


def _may_be_left(index: int, options: list[int]) -> bool:
    """Whether, in a foreclosure, the loan may be a senior one, left on the home by a junior
    lender's sale."""
    return any(role(index, k) == "senior" for k in options)


def _conditions(case: Case, merged: Finding) -> list[Reason]:
    """What a loan's verdict rests on: a plan not carried out yet, and the open facts."""
    found = []
    if case.stage in NOT_YET:
        found.append(finding("condition-plan", plan=case.stage))
    found.extend(a for a in merged.assumptions if a.code == "assumed-fact")
    found.extend(finding("condition-unknown", fact=name) for name in merged.unknown)
    return found


def _deadline_needs(deadline: DeadlineResult | None, loan: LoanAssessment) -> tuple[str, ...]:
    """The date that would fix a loan's deadline, when the loan still carries exposure."""
    if deadline is None or not loan.carries_exposure:
        return ()
    needs = [deadline.needs] if deadline.needs else []
    return tuple(n for n in [*needs, *deadline.missing] if n not in loan.unknown)


def _earliest_deadline(loans: list[LoanAssessment]) -> LoanAssessment | None:
    """The loan whose deadline leads the case: the earliest of those still carrying exposure."""
    candidates = [item for item in loans if item.carries_exposure and item.deadline is not None]
    if not candidates:
        return None
    dated = [
        (item.deadline.last_day, index, item)
        for index, item in enumerate(candidates)
        if item.deadline is not None and item.deadline.last_day is not None
    ]
    if dated:
        return min(dated, key=lambda entry: (entry[0], entry[1]))[2]
    return candidates[0]


def _unknown_facts(loans: list[LoanAssessment]) -> tuple[UnknownFact, ...]:
    """Every fact that would settle a loan's answer, once, with its loan for loan facts."""
    found: list[UnknownFact] = []
    for item in loans:
        for name in item.unknown:
            fact = UnknownFact(name, item.lien if name in PER_LOAN else None)
            if fact not in found:
                found.append(fact)
    return tuple(found)


def _assumed_facts(loans: list[LoanAssessment]) -> tuple[UnknownFact, ...]:
    """Deciding facts taken at their usual value: asking them could change the answer."""
    found: list[UnknownFact] = []
    for item in loans:
        for reason in item.assumptions:
            if reason.code != "assumed-fact":
                continue
            name = str(reason.params["fact"])
            fact = UnknownFact(name, item.lien if name in PER_LOAN else None)
            if fact not in found:
                found.append(fact)
    return tuple(found)


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
        reasons.append(finding_("credit-unclear"))
    deed = case.stage.startswith("deed_in_lieu")
    credit_amount: Decimal | None = None
    if deed:
        if index == first_paid and case.home_value is not None:
            basis = "fair_market_value"
            credit_amount = case.home_value
            finding.assumptions.append(finding_("assumed-full-value-credit"))
        elif index > first_paid:
            reasons.append(finding_("deed-in-lieu-other-loans"))
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
            reasons.append(finding_("credit-needs-value", credit=basis))
            finding.add_unknown(["home_value"])
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
