"""The engine's records: fast_init makes the record dataclasses' own __init__ makes, and
evolve() copies one with changes exactly as dataclasses.replace does."""

from __future__ import annotations

import dataclasses
import functools
import json
from decimal import Decimal

import pytest

from questionnaire.law.assess import assess
from questionnaire.law.case import read_case
from questionnaire.law.records import evolve, fast_init

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


def _records(value: object, found: dict[type, list[object]]) -> dict[type, list[object]]:
    """Every record inside an assessment, by class."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found.setdefault(type(value), []).append(value)
        for f in dataclasses.fields(value):
            _records(getattr(value, f.name), found)
    elif isinstance(value, tuple | list):
        for item in value:
            _records(item, found)
    return found


def test_a_fast_init_makes_the_record_the_dataclass_init_makes() -> None:
    case = _case()
    found = _records(assess(case, library()), _records(case, {}))  # type: ignore[arg-type]
    fast = [kind for kind in found if hasattr(kind.__init__, "__wrapped__")]
    names = {kind.__name__ for kind in fast}
    assert {"Reason", "Option", "LoanAssessment", "Assessment", "Case", "Loan"} <= names
    for kind in fast:
        own = kind.__init__.__wrapped__  # type: ignore[misc]
        for item in found[kind]:
            values = {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}
            made, expected = kind(**values), object.__new__(kind)
            own(expected, **values)
            assert vars(made) == vars(expected) and made == item
            assert kind(*values.values()) == item  # by position too
        required = {f.name: found[kind][0].__dict__[f.name] for f in dataclasses.fields(kind)
                    if f.default is dataclasses.MISSING
                    and f.default_factory is dataclasses.MISSING}  # fmt: skip
        made, expected = kind(**required), object.__new__(kind)
        own(expected, **required)
        assert vars(made) == vars(expected)  # the same defaults
        for f in dataclasses.fields(kind):
            if f.default_factory is not dataclasses.MISSING:  # a new value each time
                assert getattr(kind(**required), f.name) is not getattr(made, f.name)
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.lien = "first"  # type: ignore[attr-defined]
        with pytest.raises(TypeError):
            kind(**required, no_such_field=1)


def test_a_record_that_needs_its_own_init_keeps_it() -> None:
    assert not hasattr(fast_init(Checked).__init__, "__wrapped__")  # it has __post_init__
    assert Checked(2).doubled == 4

    @dataclasses.dataclass
    class Open:
        amount: int

    assert not hasattr(fast_init(Open).__init__, "__wrapped__")  # not frozen: no change
