"""The app's Flask class: a hook's kind is worked out once, and coroutines still go to Flask."""

from __future__ import annotations

import pytest
from flask import Flask

from questionnaire.templating import MOST_CHECKED, PageEnvironment, ShortfallFlask


def test_the_app_uses_the_class_and_its_page_environment(app: Flask) -> None:
    assert isinstance(app, ShortfallFlask)
    assert isinstance(app.jinja_env, PageEnvironment)


def test_a_plain_function_is_checked_once_and_given_back_as_it_is() -> None:
    app = ShortfallFlask(__name__)

    def hook() -> None:
        return None

    assert app.ensure_sync(hook) is hook
    assert hook in app._plain_functions
    assert app.ensure_sync(hook) is hook


def test_a_coroutine_function_still_goes_to_flask() -> None:
    app = ShortfallFlask(__name__)

    async def hook() -> None:
        return None

    try:
        wrapped = app.ensure_sync(hook)
    except RuntimeError as error:  # Flask without its "async" extra says so
        assert "async" in str(error)
    else:
        assert wrapped is not hook
    assert hook not in app._plain_functions


def test_the_functions_kept_are_bounded() -> None:
    app = ShortfallFlask(__name__)
    for number in range(MOST_CHECKED + 5):
        app.ensure_sync(lambda number=number: number)
    assert len(app._plain_functions) <= MOST_CHECKED


@pytest.mark.parametrize("path", ["/healthz", "/"])
def test_pages_still_answer(client, path: str) -> None:  # type: ignore[no-untyped-def]
    assert client.get(path).status_code == 200
