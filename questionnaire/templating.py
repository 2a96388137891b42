"""The pages' Jinja environment: each template context starts from the globals in one copy."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from flask.templating import Environment


class PageEnvironment(Environment):
    """Flask's Jinja environment, where a template with no globals of its own reads the
    environment's globals themselves.

    Jinja gives every template a ChainMap over them, and every template context (a page
    makes several: the page, its layout, each include) copies that ChainMap key by key in
    Python, with a KeyError caught for each key. A plain dict is copied in C. Changes to the
    environment's globals are still seen, as with the ChainMap; templates here are never
    given globals of their own, and one that is still gets its ChainMap."""

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return self.globals if not d else super().make_globals(d)
