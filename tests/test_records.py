"""evolve() copies a frozen record with changes exactly as dataclasses.replace does."""

from __future__ import annotations

import dataclasses
import functools
import json
from decimal import Decimal

import pytest

from questionnaire.law.assess import assess
from questionnaire.law.case import read_case
from questionnaire.law.records import evolve

from .conftest import TODAY
from .law_helpers import library
from .test_api import CASE


def _case() -> object:
    return read_case(json.loads(json.dumps(CASE), parse_float=Decimal), TODAY)


def test_the_same_copy_as_replace_for_the_engines_records() -> None:
    case = _case()
    result = assess(case, library())  # type: ignore[arg-type]
    for record, changes in (
        (case, {"bankruptcy": "chapter7_discharged", "stage": "short_sale_done"}),
        (result, {"options": (), "collectability": "barred"}),
        (result.loans[0], {"deadline": None, "unknown": ("sale_date",)}),
    ):
        copy, expected = evolve(record, **changes), dataclasses.replace(record, **changes)  # type: ignore[type-var]
        assert copy == expected and type(copy) is type(expected)
        assert copy is not record and record != copy  # the original is unchanged
        for name, value in changes.items():
            assert getattr(copy, name) == value
        with pytest.raises(dataclasses.FrozenInstanceError):
            copy.collectability = "allowed"  # type: ignore[misc, union-attr]


def test_an_unknown_field_is_refused_as_replace_refuses_it() -> None:
    with pytest.raises(TypeError):
        evolve(_case(), no_such_fact="yes")


@dataclasses.dataclass(frozen=True)
class Checked:
    amount: int
    doubled: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "doubled", self.amount * 2)


@dataclasses.dataclass(frozen=True)
class Kept:
    amount: int

    @functools.cached_property
    def tripled(self) -> int:
        return self.amount * 3


def test_records_that_need_their_init_go_through_replace() -> None:
    assert evolve(Checked(2), amount=5).doubled == 10  # __post_init__ ran again
    kept = Kept(2)
    assert kept.tripled == 6
    assert evolve(kept, amount=5).tripled == 15  # not the stale 6
