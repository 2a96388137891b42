"""The glossary finds the words a report uses exactly as its definition says: any form of a
term, in any case, as a whole word (not inside a longer word or a hyphenated one)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire.glossary import Term, load_glossary, used_in
from questionnaire.terms import without_terms

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = load_glossary(ROOT / "content" / "glossary.yaml")


def reference(text: str, terms: list[Term], language: str) -> list[Term]:
    """The rule written plainly: one case-blind whole-word search per term."""

    def uses(term: Term) -> bool:
        word = without_terms(term.name(language))
        forms = sorted((word, *term.also.get(language, ())), key=len, reverse=True)
        alternatives = "|".join(map(re.escape, forms))
        return re.search(rf"(?<![\w-])(?:{alternatives})(?![\w-])", text, re.I) is not None

    return sorted(
        (t for t in terms if uses(t)), key=lambda t: without_terms(t.name(language)).lower()
    )


def _pieces(language: str) -> list[str]:
    forms = [form for term in GLOSSARY for form in term.forms(language)]
    return forms + [f.upper() for f in forms[::3]] + [f.title() for f in forms[1::3]]


GLUE = st.sampled_from([" ", "  ", "-", "_", "x", "é", ". ", ", ", "(", ")", "\n", "s ", "1"])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_same_terms_as_the_plain_rule(data: st.DataObject) -> None:
    language = data.draw(st.sampled_from(["en", "es"]))
    pieces = data.draw(st.lists(st.sampled_from(_pieces(language)), min_size=1, max_size=12))
    text = "".join(piece + data.draw(GLUE) for piece in pieces)
    if data.draw(st.booleans()):
        text = data.draw(GLUE) + text
    assert used_in(text, GLOSSARY, language) == reference(text, GLOSSARY, language)


def test_the_same_terms_in_every_definition() -> None:
    for language in ("en", "es"):
        text = " ".join(term.definition[language] for term in GLOSSARY)
        found = used_in(text, GLOSSARY, language)
        assert found == reference(text, GLOSSARY, language) and len(found) >= 10


def test_whole_words_only() -> None:
    [judgment] = [t for t in GLOSSARY if t.name("en").lower() == "judgment"]
    assert used_in("A JUDGMENT was entered.", [judgment]) == [judgment]
    assert used_in("prejudgment interest", [judgment]) == []
    assert used_in("non-judgment", [judgment]) == []
    assert used_in("judgment-proof", [judgment]) == []
