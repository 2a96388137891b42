"""English inside another language's text: legal terms and words quoted from people's papers.

People's papers are in English, so a translated text names the English term the first time.
Content writes it as `(en: term)`; a page shows it once, marked as English for screen
readers, and plain text (API, calendar, page titles) shows it as `(term)`.

Words to look for on a paper are written `[en: waives any right to a deficiency]`: shown
every time, marked as English, with no brackets.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

TERM = re.compile(r"\(en: ([^()<>]+)\)")
QUOTED = re.compile(r"\[en: ([^\[\]<>]+)\]")
_SPACED_TERM = re.compile(r"\s?\(en: ([^()<>]+)\)")
_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"(<title>)(.*?)(</title>)", re.S)


def plain_terms(text: str) -> str:
    """`fallo (en: judgment)` as `fallo (judgment)`, `[en: note]` as `note`."""
    if "en: " not in text:
        return text
    return QUOTED.sub(r"\1", TERM.sub(r"(\1)", text))


def without_terms(text: str) -> str:
    """The text with its English terms and quotes left out (for measuring readability)."""
    return QUOTED.sub("", _SPACED_TERM.sub("", text))


def marked_term(term: str) -> Markup:
    """One English term in parentheses, marked as English."""
    return Markup('(<span lang="en">{}</span>)').format(escape(term))


def mark_terms(text: str) -> Markup:
    """Every quoted term in an (unescaped) text marked as English; for glossaries."""
    escaped = str(escape(text))
    escaped = QUOTED.sub(r'<span lang="en">\1</span>', escaped)
    return Markup(TERM.sub(lambda m: str(marked_term(m.group(1))), escaped))


def mark_page(html: str) -> str:
    """A whole page with each English term shown once: marked the first time, then dropped.

    Inside tags (attribute values) and the page title the term is written plainly.
    """
    if "en: " not in html:
        return html
    html = _TAG.sub(lambda m: plain_terms(m.group(0)), html)
    html = _TITLE.sub(lambda m: m.group(1) + plain_terms(m.group(2)) + m.group(3), html)
    html = QUOTED.sub(r'<span lang="en">\1</span>', html)  # already escaped text
    seen: set[str] = set()

    def once(match: re.Match[str]) -> str:
        term = match.group(1)
        key = term.casefold()
        if key in seen:
            return ""
        seen.add(key)
        # The page is already HTML: the term is escaped text, so it is not escaped again.
        lead = " " if match.group(0)[0].isspace() else ""
        return f'{lead}(<span lang="en">{term}</span>)'

    return _SPACED_TERM.sub(once, html)
