"""Which deciding facts the law needs: the engine tells the questionnaire what to ask."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Mapping
from datetime import date
from threading import Lock
from typing import TYPE_CHECKING, Any

from .case_facts import LIENS, facts_on
from .law.assess import deciding_facts
from .law.case import CaseErrors, read_case
from .law.library import LawLibrary

if TYPE_CHECKING:
    from .content import Questionnaire
    from .flow import Location


class Decider:
    """Runs the engine on the answers so far and reports the facts it could not settle.

    Results are cached by the facts they were computed from, so computing a path costs at
    most one assessment per distinct set of answers."""

    def __init__(self, law: LawLibrary, today: Callable[[], date], size: int = 2048) -> None:
        self.law = law
        self.today = today
        self.size = size
        self._cache: OrderedDict[str, frozenset[tuple[str, str | None]]] = OrderedDict()
        self._lock = Lock()

    def needs(
        self,
        questionnaire: Questionnaire,
        answers: Mapping[str, str],
        pages: list[Location],
        item: int | None,
        fact: str,
        asked: dict[int, frozenset[tuple[str, str | None]]] | None = None,
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

    def wanted(self, facts: dict[str, Any]) -> frozenset[tuple[str, str | None]]:
        """The (fact, lien) pairs the engine needs for these facts (cached)."""
        key = json.dumps(facts, sort_keys=True, default=str)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        try:
            case = read_case(facts, self.today())
        except CaseErrors:
            found: frozenset[tuple[str, str | None]] = frozenset()
        else:
            found = frozenset((f.fact, f.lien) for f in deciding_facts(case, self.law))
        with self._lock:
            self._cache[key] = found
            while len(self._cache) > self.size:
                self._cache.popitem(last=False)
        return found
