"""The committed coverage table matches the jurisdiction files."""

from __future__ import annotations

from questionnaire.law.coverage import coverage_markdown

from .law_helpers import ROOT, library


def test_coverage_table_is_current() -> None:
    committed = (ROOT / "docs" / "law-coverage.md").read_text(encoding="utf-8")
    expected = coverage_markdown(library(), ROOT / "docs" / "audit")
    assert committed == expected, "run: flask --app app law-coverage"


def test_every_file_has_its_audit_notes() -> None:
    for code in [*library().jurisdictions, "federal"]:
        notes = (ROOT / "docs" / "audit" / f"{code}.md").read_text(encoding="utf-8")
        assert len(notes.strip().splitlines()) >= 2, code


def test_coverage_table_has_every_state() -> None:
    table = coverage_markdown(library())
    for item in library().jurisdictions.values():
        assert f"| {item.name} ({item.code}) |" in table
