"""The app's Flask class: its pages' Jinja environment (each template context starts from the
globals in one copy) and hooks checked once for being coroutines."""

from __future__ import annotations

import inspect
from collections.abc import Callable, MutableMapping
from typing import Any

from flask import Flask
from flask.templating import Environment

MOST_CHECKED = 1_000  # functions whose kind is kept; more would mean new ones every request


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


class ShortfallFlask(Flask):
    """Flask, with the pages' environment, and each hook's kind worked out once.

    Flask asks for every hook, view and error handler on every request whether it is a
    coroutine function (inspect reads its code flags each time); the answer for a function
    never changes, so it is kept."""

    jinja_environment = PageEnvironment

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain_functions: set[Callable[..., Any]] = set()

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        if func in self._plain_functions:
            return func
        if inspect.iscoroutinefunction(func):
            return super().ensure_sync(func)
        if len(self._plain_functions) >= MOST_CHECKED:
            self._plain_functions.clear()
        self._plain_functions.add(func)
        return func
