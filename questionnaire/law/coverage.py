"""The coverage table: for every state and fact, whether it is cited and how sure we are."""

from __future__ import annotations

from .facts import Fact, Jurisdiction
from .library import LawLibrary

COLUMNS = (
    ("foreclosure", "Processes"),
    ("deficiency.nonjudicial", "After non-court sale"),
    ("deficiency.judicial", "After court sale"),
    ("deficiency.short_sale", "Short sale"),
    ("deficiency.deed_in_lieu", "Deed in lieu"),
    ("protections", "Protections"),
    ("deadline", "Lender's deadline"),
    ("garnishment", "Wage garnishment"),
    ("redemption", "Redemption"),
)
MARK = {"high": "cited", "medium": "cited (medium)", "low": "uncertain"}


def _cell(item: Jurisdiction, topic: str, facts: list[Fact]) -> str:
    if not facts:
        return "none found"
    marks = []
    for fact in facts:
        disputed = item.disputed(topic) or item.disputed(topic.removeprefix("deficiency."))
        marks.append("disputed" if disputed else MARK[fact.confidence])
    if len(facts) == 1:
        return marks[0]
    cited = sum(m.startswith("cited") for m in marks)
    return f"{len(facts)} ({cited} cited, {len(facts) - cited} uncertain)"


def _facts(item: Jurisdiction, topic: str) -> list[Fact]:
    found = dict(item.facts())
    if topic in ("protections", "deadline"):
        return [fact for name, fact in item.facts() if name.startswith(topic + ".")]
    return [found[topic]] if topic in found else []


def coverage_markdown(law: LawLibrary) -> str:
    """A Markdown table, one row per jurisdiction."""
    lines = [
        "# What we know about each state's law",
        "",
        "Generated from `content/jurisdictions/` by `flask --app app law-coverage`; do not edit.",
        "**cited** = statute read and confirmed by a second source; **cited (medium)** = one good",
        "source or a secondary source citing the statute; **uncertain** = low confidence, the app",
        'answers "unclear"; **disputed** = sources disagree, the app answers "unclear".',
        "",
        "| State | Reviewed | Overall | " + " | ".join(title for _k, title in COLUMNS) + " |",
        "|---|---|---|" + "---|" * len(COLUMNS),
    ]
    for code in sorted(law.jurisdictions):
        item = law.jurisdictions[code]
        cells = [_cell(item, key, _facts(item, key)) for key, _title in COLUMNS]
        lines.append(
            f"| {item.name} ({code}) | {item.last_reviewed} | {item.confidence} | "
            + " | ".join(cells)
            + " |"
        )
    total = sum(len(item.facts()) for item in law.jurisdictions.values())
    low = sum(
        1 for item in law.jurisdictions.values() for _n, f in item.facts() if f.confidence == "low"
    )
    lines += ["", f"{total} cited facts in all; {low} of them are marked low confidence.", ""]
    return "\n".join(lines)
