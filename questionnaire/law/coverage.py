"""The coverage table: for every state and fact, whether it is cited and how sure we are."""

from __future__ import annotations

from pathlib import Path

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
DECIDING_TITLE = "Deciding facts asked"
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


def deciding_facts_of(item: Jurisdiction) -> list[str]:
    """The deciding facts a state's rules ask (by API field name), in order of first use."""
    found: list[str] = []
    rules = [p.applies_to for p in item.protections]
    rules += [d.applies_to for d in item.deadline if d.applies_to is not None]
    for rule in rules:
        names = [str(f) for f in (rule.facts or {})]
        if rule.loan_made_on_or_after or rule.loan_made_before:
            names.append("loan_date")
        found.extend(n for n in names if n not in found)
    triggers = {
        "deed_after_sale": "deed_after_sale_date",
        "confirmation_of_sale": "sale_confirmed_date",
        "judgment": "judgment_date",
    }
    for deadline in item.deadline:
        name = triggers.get(str(deadline.trigger))
        if name and name not in found:
            found.append(name)
    return found


def coverage_markdown(law: LawLibrary, audit: Path | None = None) -> str:
    """A Markdown table, one row per jurisdiction, then the notes of the latest re-audit
    (`audit`: a folder with README.md and one <CODE>.md per file)."""
    lines = [
        "# What we know about each state's law",
        "",
        "Generated from `content/jurisdictions/` by `flask --app app law-coverage`; do not edit.",
        "**cited** = statute read and confirmed by a second source; **cited (medium)** = one good",
        "source or a secondary source citing the statute; **uncertain** = low confidence, the app",
        'answers "unclear"; **disputed** = sources disagree, the app answers "unclear".',
        "",
        "| State | Reviewed | Overall | "
        + " | ".join(title for _k, title in COLUMNS)
        + f" | {DECIDING_TITLE} |",
        "|---|---|---|" + "---|" * (len(COLUMNS) + 1),
    ]
    for code in sorted(law.jurisdictions):
        item = law.jurisdictions[code]
        cells = [_cell(item, key, _facts(item, key)) for key, _title in COLUMNS]
        deciding = ", ".join(f"`{name}`" for name in deciding_facts_of(item)) or "none"
        lines.append(
            f"| {item.name} ({code}) | {item.last_reviewed} | {item.confidence} | "
            + " | ".join(cells)
            + f" | {deciding} |"
        )
    total = sum(len(item.facts()) for item in law.jurisdictions.values())
    low = sum(
        1 for item in law.jurisdictions.values() for _n, f in item.facts() if f.confidence == "low"
    )
    lines += ["", f"{total} cited facts in all; {low} of them are marked low confidence.", ""]
    if audit is not None and (audit / "README.md").exists():
        lines += _audit(law, audit)
    return "\n".join(lines)


def _audit(law: LawLibrary, audit: Path) -> list[str]:
    """The re-audit notes: the summary, then what changed in each file and on which citation."""
    lines = ["", (audit / "README.md").read_text(encoding="utf-8").strip(), ""]
    for name in [*sorted(law.jurisdictions), "federal"]:
        path = audit / f"{name}.md"
        if not path.exists():
            lines += [f"### {name}", "", "No notes.", ""]
            continue
        text = path.read_text(encoding="utf-8").strip()
        if not text.startswith("## "):
            text = f"## {name}\n\n{text}"
        # Each file's own headings go one level down here.
        lines += [("\n" + text).replace("\n## ", "\n### ").strip(), ""]
    return lines
