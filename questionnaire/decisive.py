"""Which deciding facts the law needs: the engine tells the questionnaire what to ask."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, MutableMapping
from datetime import date
from typing import TYPE_CHECKING, Any

from .case_facts import LIENS, facts_on
from .flow import Wanted
from .law.assess import deciding_facts
from .law.case import CaseErrors, read_case
from .law.library import LawLibrary

if TYPE_CHECKING:
    from .content import Questionnaire
    from .flow import Location

# Where one request keeps what it already judged; None outside a request (nothing kept).
Memo = Callable[[], MutableMapping[str, Wanted] | None]


def _no_memo() -> None:
    return None


class Decider:
    """Runs the engine on the answers so far and reports the facts it could not settle.

    The facts are built from a person's answers, so results are kept only as long as the
    memo `memo()` gives lives (one request in the app) and never across people."""

    def __init__(self, law: LawLibrary, today: Callable[[], date], memo: Memo = _no_memo) -> None:
        self.law = law
        self.today = today
        self.memo = memo

    def needs(
        self,
        questionnaire: Questionnaire,
        answers: Mapping[str, str],
        pages: list[Location],
        item: int | None,
        fact: str,
        asked: dict[int, Wanted] | None = None,
    ) -> bool:
        """True when `fact` (for loan `item`, if given) would change the person's result.

        `asked` (one path's own memo, by the number of pages so far) saves building the same
        facts again for every deciding question of a path."""
        wanted = None if asked is None else asked.get(len(pages))
        if wanted is None:
            wanted = self.wanted(facts_on(questionnaire, answers, pages))
            if asked is not None:
                asked[len(pages)] = wanted
        lien = LIENS[item - 1] if item is not None and item <= len(LIENS) else None
        return (fact, lien) in wanted or (fact, None) in wanted

    def wanted(self, facts: dict[str, Any]) -> Wanted:
        """The (fact, lien) pairs the engine needs for these facts (once per request)."""
        memo = self.memo()
        key = json.dumps(facts, sort_keys=True, default=str) if memo is not None else ""
        if memo is not None and key in memo:
            return memo[key]
        try:
            case = read_case(facts, self.today())
        except CaseErrors:
            found: Wanted = frozenset()
        else:
            found = frozenset((f.fact, f.lien) for f in deciding_facts(case, self.law))
        if memo is not None:
            memo[key] = found
        return found


def request_memo() -> MutableMapping[str, Wanted] | None:
    """The memo of the request being served, dropped with it (None outside a request)."""
    from flask import g, has_request_context

    if not has_request_context():
        return None
    memo: MutableMapping[str, Wanted] = g.setdefault("decider_memo", {})
    return memo
