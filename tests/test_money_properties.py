"""Money invariants over random cases (hypothesis): never negative, ordered, exact to the cent."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questionnaire.law.money import waterfall
from questionnaire.states import STATE_NAMES

from .law_helpers import run

CENT = Decimal("0.01")
amounts = st.decimals(min_value=0, max_value=2_000_000, places=2, allow_nan=False)


@given(amount=amounts, debts=st.lists(amounts, min_size=1, max_size=3))
def test_waterfall_pays_in_order_and_never_more_than_the_sale(amount, debts) -> None:
    paid = waterfall(amount, debts)
    assert sum(paid) <= amount
    assert all(Decimal(0) <= p <= d for p, d in zip(paid, debts, strict=True))
    for index, p in enumerate(paid):
        if p > 0:  # a lien is paid only after every lien above it is paid in full
            assert all(paid[i] == debts[i] for i in range(index))


loan = st.fixed_dictionaries(
    {
        "purpose": st.sampled_from(["purchase", "refinance", "heloc", "cash_out_refinance"]),
        "principal": amounts.map(str),
        "fees_and_costs": amounts.map(str),
    }
)
case = st.fixed_dictionaries(
    {
        "state": st.sampled_from(sorted(STATE_NAMES)),
        "stage": st.sampled_from(
            ["foreclosure_sale_done", "short_sale_done", "deed_in_lieu_done", "sale_scheduled"]
        ),
        "foreclosure_type": st.sampled_from(["judicial", "nonjudicial", "unknown"]),
        "occupancy": st.sampled_from(["primary_residence", "rental"]),
        "units": st.integers(min_value=1, max_value=5),
        "acres": st.sampled_from(["0.2", "3", "50"]),
        "sale_date": st.sampled_from(["2023-01-15", "2026-10-01"]),
        "sale_price": amounts.map(str),
        "home_value": amounts.map(str),
        "lawsuit_served": st.sampled_from(["yes", "no", "not_sure"]),
        "loans": st.lists(loan, min_size=1, max_size=3),
    }
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts=case)
def test_invariants(facts) -> None:
    liens = ["first", "second", "third"]
    facts["loans"] = [{**item, "lien": liens[i]} for i, item in enumerate(facts["loans"])]
    result = run(facts)
    paid_total = Decimal(0)
    for item in result.loans:
        values = [
            item.total_debt,
            item.proceeds_applied,
            item.shortfall,
            item.deficiency,
            item.exposure,
            item.exposure_low,
            item.exposure_high,
        ]
        for value in values:
            if value is not None:
                assert value >= 0 and value == value.quantize(CENT)
        assert item.exposure is not None and item.deficiency is not None
        assert item.shortfall is not None and item.total_debt is not None
        assert item.exposure <= item.deficiency <= item.shortfall <= item.total_debt
        assert item.exposure_low <= item.exposure <= item.exposure_high
        if item.collectability == "barred":
            assert item.exposure == 0
        paid_total += item.proceeds_applied or 0
    if facts["stage"] in ("foreclosure_sale_done", "short_sale_done"):
        assert paid_total <= Decimal(facts["sale_price"])
    assert result.exposure_total == sum(item.exposure for item in result.loans)
    for option in result.options:
        if option.remaining_exposure is not None:
            assert option.remaining_exposure >= 0
