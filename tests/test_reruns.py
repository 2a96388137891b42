"""An option's rerun computes only what each loan's amount left to pay needs: over random
cases, that amount is the one the full assessment gives (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questionnaire.law.assess import _assess_loans
from questionnaire.law.case import (
    ANSWERS,
    BANKRUPTCY,
    FORECLOSING_LIENS,
    FORECLOSURE_TYPES,
    OCCUPANCY,
    OWNERS,
    PURPOSES,
    STAGES,
    read_case,
)
from questionnaire.law.records import evolve
from questionnaire.states import STATE_NAMES

from .law_helpers import TODAY, library

amounts = st.decimals(min_value=0, max_value=900_000, places=2, allow_nan=False).map(str)


loan = st.fixed_dictionaries(
    {"principal": amounts},
    optional={
        "purpose": st.sampled_from(PURPOSES),
        "owner": st.sampled_from(OWNERS),
        "fees_and_costs": amounts,
    },
)
case = st.fixed_dictionaries(
    {
        "state": st.sampled_from(sorted(STATE_NAMES)),
        "stage": st.sampled_from(STAGES),
        "loans": st.lists(loan, min_size=1, max_size=3),
        # Most cases know these: time limits and protections then decide, not missing facts.
        "foreclosure_type": st.sampled_from(FORECLOSURE_TYPES),
        "occupancy": st.sampled_from(OCCUPANCY),
        "units": st.integers(min_value=1, max_value=5),
        "acres": st.sampled_from(["0.2", "3", "50"]),
        "sale_date": st.sampled_from(["2019-03-01", "2024-06-15", "2026-10-01"]),
        "sale_price": amounts,
        "home_value": amounts,
        "lawsuit_served": st.sampled_from(ANSWERS),
        "bankruptcy": st.sampled_from(BANKRUPTCY),
    },
    optional={
        "foreclosing_lien": st.sampled_from(FORECLOSING_LIENS),
        "written_release": st.sampled_from(ANSWERS),
        "lender_approved_sale": st.sampled_from(ANSWERS),
    },
)


# The changed facts the options' reruns ask about (questionnaire.law.options.compare), and none.
RERUNS = (
    {},
    {"bankruptcy": "chapter7_discharged"},
    {"stage": "short_sale_done", "written_release": "no", "lender_approved_sale": "yes"},
    {"stage": "deed_in_lieu_done", "written_release": "no"},
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts=case, changes=st.sampled_from(RERUNS))
def test_a_rerun_gives_each_loan_the_full_assessments_exposure(facts, changes) -> None:
    liens = ["first", "second", "third"]
    facts["loans"] = [{**item, "lien": liens[i]} for i, item in enumerate(facts["loans"])]
    subject = evolve(read_case(facts, TODAY), **changes)
    full = _assess_loans(subject, library())[3]
    numbers = _assess_loans(subject, library(), numbers_only=True)[3]
    for whole, rerun in zip(full, numbers, strict=True):
        # A loan a federal rule surely bars is not given its state's credit or why it is
        # barred: its exposure is zero either way.
        assert rerun.collectability == whole.collectability
        assert rerun.exposure == whole.exposure
        assert (rerun.exposure_low, rerun.exposure_high) == (
            whole.exposure_low,
            whole.exposure_high,
        )
