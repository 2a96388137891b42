"""Values worked out once from content: built once per content object, never shared wrongly."""

from __future__ import annotations

import gc

from flask import Flask

from questionnaire.content_memo import once
from questionnaire.law.findings import SourceRef


class Owner:
    """A stand-in for a content object (any object that can be weakly referenced)."""


def test_a_value_is_built_once_per_owner_and_name() -> None:
    built: list[str] = []
    first, second = Owner(), Owner()

    def build(label: str) -> str:
        built.append(label)
        return label

    assert once((first,), "x", lambda: build("a")) == "a"
    assert once((first,), "x", lambda: build("b")) == "a"  # kept
    assert once((first,), "y", lambda: build("c")) == "c"  # another name
    assert once((second,), "x", lambda: build("d")) == "d"  # another owner
    assert once((first, second), "x", lambda: build("e")) == "e"  # owners together
    assert built == ["a", "c", "d", "e"]


def test_an_owner_made_in_a_dead_ones_place_gets_its_own_value() -> None:
    values = []
    for number in range(200):  # CPython soon gives a new object a dead one's address
        owner = Owner()
        values.append(once((owner,), "n", lambda n=number: n))
        del owner
        gc.collect()
    assert values == list(range(200))


def test_owners_together_are_checked_each_one() -> None:
    """One, two or three owners: a value is kept only while every owner is the same object."""
    lasting = Owner()
    for count in (1, 2, 3):
        values = []
        for number in range(100):
            fresh = Owner()
            owners = (lasting, fresh, lasting)[:count] if count > 1 else (fresh,)
            values.append(once(owners, f"n{count}", lambda n=number: n))
            del fresh, owners
            gc.collect()
        assert values == list(range(100)), count


def test_a_facts_sources_are_those_its_law_file_lists(app: Flask) -> None:
    law = app.extensions["shortfall.law"]
    for jurisdiction in law.jurisdictions.values():
        for _where, fact in jurisdiction.facts():
            by_id = {s.id: s for s in jurisdiction.sources}
            expected = tuple(
                SourceRef(by_id[i].title, str(by_id[i].url)) for i in fact.sources if i in by_id
            )
            assert jurisdiction.refs(fact) == expected
            assert jurisdiction.refs(fact) is jurisdiction.refs(fact)  # worked out once
    for rule in law.federal.rules:
        assert [r.title for r in law.federal.refs(rule)] == [
            law.federal.source(i).title for i in rule.sources if law.federal.source(i)
        ]
