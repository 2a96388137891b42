"""The interface catalogs: every marked string translated in every language, nothing fuzzy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from questionnaire.content import load_questionnaire
from questionnaire.translation import catalog_problems, interface_messages

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = load_questionnaire(ROOT / "content" / "questions").languages
WANTED = interface_messages(ROOT)


def test_the_extraction_finds_the_interface_strings() -> None:
    assert "Continue" in WANTED and "Check your answers" in WANTED
    assert "This field is not part of the API." in WANTED  # marked in the engine with N_
    assert len(WANTED) > 150


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_every_interface_string_is_translated(language: str) -> None:
    catalog = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    assert catalog.is_file(), f"no catalog for {language}"
    assert catalog_problems(catalog, WANTED) == []


def test_a_missing_or_fuzzy_message_is_caught(tmp_path: Path) -> None:
    source = ROOT / "translations" / "es" / "LC_MESSAGES" / "messages.po"
    broken = tmp_path / "messages.po"
    shutil.copy(source, broken)
    with broken.open("rb") as handle:
        catalog = read_po(handle)
    del catalog["Continue"]
    catalog["Back"].flags.add("fuzzy")
    catalog["Page %(number)s of about %(total)s."].string = "Página %(number)s."
    with broken.open("wb") as handle:
        write_po(handle, catalog)
    problems = catalog_problems(broken, WANTED)
    assert "missing: 'Continue'" in problems
    assert "fuzzy: 'Back'" in problems
    assert "placeholders differ: 'Page %(number)s of about %(total)s.'" in problems
    assert len(problems) == 3


def test_every_interface_message_reads_plainly() -> None:
    """The interface's own messages (buttons, errors, counselor pages) are measured too:
    each of 8 words or more meets the bar of its language."""
    from babel.messages.pofile import read_po

    from questionnaire.readability import BARS, readable, score

    path = Path(__file__).resolve().parent.parent / "translations/es/LC_MESSAGES/messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    hard = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        for language, text in (("en", message.id), ("es", message.string)):
            if len(str(text).split()) >= 8 and not readable(str(text), language):
                hard.append((language, round(score(str(text), language), 1), text))
    assert not hard, (BARS, hard)
