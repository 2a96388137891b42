"""Find sentences in the wrong language on a page: English left in a Spanish page, or the reverse.

A sentence is counted as English when it has at least two words that only English uses
("the", "your", "with"...) and more of them than Spanish ones ("el", "su", "con"...), and
the reverse for Spanish. Words marked with another `lang` (the English term quoted after a
Spanish one, a source's English title, the language switch) are not counted: they are
marked for what they are.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

ENGLISH = frozenset(
    [
        "the",
        "you",
        "your",
        "and",
        "is",
        "are",
        "with",
        "this",
        "that",
        "what",
        "will",
        "have",
        "can",
        "for",
        "from",
        "of",
        "to",
        "if",
        "it",
        "be",
        "was",
        "after",
        "before",
        "we",
        "our",
        "they",
        "their",
        "about",
        "may",
        "must",
        "would",
        "could",
        "should",
        "which",
        "when",
        "how",
        "there",
        "been",
        "has",
        "does",
        "did",
        "or",
        "on",
        "at",
        "by",
        "an",
        "as",
        "not",
        "who",
        "were",
        "any",
        "all",
        "more",
        "than",
    ]
)
SPANISH = frozenset(
    [
        "el",
        "la",
        "los",
        "las",
        "de",
        "del",
        "que",
        "y",
        "en",
        "un",
        "una",
        "su",
        "sus",
        "por",
        "para",
        "con",
        "es",
        "se",
        "lo",
        "le",
        "al",
        "si",
        "más",
        "pero",
        "como",
        "usted",
        "este",
        "esta",
        "estos",
        "estas",
        "puede",
        "ni",
        "o",
        "u",
        "ya",
        "hay",
        "muy",
        "cuando",
        "sobre",
    ]
)
WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ']+")
SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n+")


def counts(sentence: str) -> tuple[int, int]:
    """How many English-only and Spanish-only words a sentence has."""
    words = [w.lower().strip("'") for w in WORD.findall(sentence)]
    return sum(w in ENGLISH for w in words), sum(w in SPANISH for w in words)


def foreign_sentences(text: str, language: str) -> list[str]:
    """The sentences of a plain text that read as the other language."""
    found = []
    for sentence in SENTENCE.split(text):
        english, spanish = counts(sentence)
        if language == "es" and english >= 2 and english > spanish:
            found.append(sentence.strip())
        if language == "en" and spanish >= 2 and spanish > english:
            found.append(sentence.strip())
    return found


def page_text(html: str) -> str:
    """What a reader reads on a page in its own language: other-language parts removed."""
    soup = BeautifulSoup(html, "html.parser")
    root = soup.find("html")
    language = root.get("lang") if root is not None and hasattr(root, "get") else None
    for tag in soup(["script", "style", "head"]):
        tag.decompose()
    for tag in soup.find_all(attrs={"lang": True}):
        if tag is not root and tag.get("lang") != language:
            tag.decompose()
    # Attribute texts people hear (labels) count too.
    labels = " ".join(
        str(tag.get(attribute))
        for attribute in ("aria-label", "title", "alt", "placeholder")
        for tag in soup.find_all(attrs={attribute: True})
    )
    return soup.get_text("\n") + "\n" + labels


def foreign_on_page(html: str, language: str) -> list[str]:
    """The sentences on a page that are not in the page's language."""
    return foreign_sentences(page_text(html), language)
