"""Unit tests for the when-rule language."""

from __future__ import annotations

import pytest

from questionnaire import rules
from questionnaire.rules import RuleError

ANSWERS = {"stage": "short_sale_done", "units": "3", "acres": "", "amount": "1200.50"}


def lookup(answer_id: str) -> str | None:
    return ANSWERS.get(answer_id)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"equals": [{"answer": "stage"}, "short_sale_done"]}, True),
        ({"equals": [{"answer": "stage"}, "deed_in_lieu_done"]}, False),
        ({"equals": [{"answer": "missing"}, "x"]}, False),
        ({"not_equals": [{"answer": "stage"}, "x"]}, True),
        ({"not_equals": [{"answer": "missing"}, "x"]}, False),
        ({"in": [{"answer": "stage"}, ["a", "short_sale_done"]]}, True),
        ({"in": [{"answer": "missing"}, ["a"]]}, False),
        ({"not_in": [{"answer": "stage"}, ["a"]]}, True),
        ({"greater_than": [{"answer": "units"}, 2]}, True),
        ({"less_than": [{"answer": "units"}, 2]}, False),
        ({"at_least": [{"answer": "units"}, 3]}, True),
        ({"at_most": [{"answer": "amount"}, "1200.50"]}, True),
        ({"greater_than": [{"answer": "missing"}, 0]}, False),
        ({"greater_than": [{"answer": "stage"}, 0]}, False),  # not a number: false, no error
        ({"greater_than": [{"answer": "units"}, "NaN"]}, False),
        ({"answered": "units"}, True),
        ({"answered": "acres"}, False),  # skipped optional answers do not count
        ({"not_answered": "missing"}, True),
        ({"and": [{"answered": "units"}, {"answered": "stage"}]}, True),
        ({"and": [{"answered": "units"}, {"answered": "missing"}]}, False),
        ({"or": [{"answered": "missing"}, {"answered": "stage"}]}, True),
        ({"not": {"answered": "stage"}}, False),
    ],
)
def test_evaluate(rule: dict, expected: bool) -> None:
    assert rules.evaluate(rule, lookup) is expected


@pytest.mark.parametrize(
    "rule",
    [
        {},
        {"equals": [1]},
        {"equals": [1, 2], "in": [1, [2]]},
        {"eval": "__import__('os')"},
        {"in": [{"answer": "stage"}, "not-a-list"]},
        {"and": []},
        {"equals": [{"answer": "a", "extra": 1}, 2]},
    ],
)
def test_malformed_rules_are_refused(rule: dict) -> None:
    with pytest.raises(RuleError):
        rules.evaluate(rule, lookup)


def test_references_and_literals_are_listed() -> None:
    rule = {
        "and": [
            {"in": [{"answer": "stage"}, ["a", "b"]]},
            {"not": {"answered": "units"}},
            {"equals": [{"answer": "occupancy"}, "rental"]},
        ]
    }
    assert sorted(rules.answer_references(rule)) == ["occupancy", "stage", "units"]
    assert list(rules.literal_comparisons(rule)) == [
        ("stage", ["a", "b"]),
        ("occupancy", ["rental"]),
    ]


def test_yaml_yes_and_no_compare_as_answers() -> None:
    answers = {"served": "yes", "release": "no"}
    assert rules.evaluate({"equals": [{"answer": "served"}, True]}, answers.get)
    assert rules.evaluate({"in": [{"answer": "release"}, [False]]}, answers.get)
