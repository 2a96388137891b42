"""The law files: every jurisdiction present, every fact cited and sourced; broken files caught."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from questionnaire.content import ContentError
from questionnaire.law.library import load_library
from questionnaire.states import STATE_NAMES

from .law_helpers import ROOT, TODAY, library

LAW = ROOT / "content" / "jurisdictions"
FEDERAL = ROOT / "content" / "federal.yaml"


def test_all_fifty_states_and_dc() -> None:
    assert sorted(library().jurisdictions) == sorted(STATE_NAMES)
    assert len(library().jurisdictions) == 51


def test_every_fact_is_cited_sourced_and_dated() -> None:
    for code, item in library().jurisdictions.items():
        assert item.last_reviewed <= dt.date.today(), code
        known = {s.id for s in item.sources}
        assert any(s.kind not in ("law_firm",) for s in item.sources), code
        for name, fact in item.facts():
            assert fact.citations and all(c.strip() for c in fact.citations), (code, name)
            assert fact.sources and set(fact.sources) <= known, (code, name)
            assert fact.confidence in ("high", "medium", "low")
        for source in item.sources:
            assert str(source.url).startswith(("https://", "http://")), (code, source.id)


def test_federal_rules_are_cited() -> None:
    federal = library().federal
    assert federal.rules
    known = {s.id for s in federal.sources}
    for rule in federal.rules:
        assert rule.citations and set(rule.sources) <= known, rule.id


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    folder = tmp_path / "jurisdictions"
    shutil.copytree(LAW, folder)
    return folder


def edit(folder: Path, code: str, change) -> None:
    path = folder / f"{code}.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_library(folder, FEDERAL, TODAY)
    return caught.value.problems


def test_missing_state(broken: Path) -> None:
    (broken / "OH.yaml").unlink()
    assert "OH.yaml: file is missing" in problems(broken)


def test_fact_without_citation(broken: Path) -> None:
    edit(broken, "TX", lambda d: d["deficiency"]["nonjudicial"].update(citations=[]))
    assert any("TX.yaml: deficiency.nonjudicial.citations" in p for p in problems(broken))


def test_unknown_source_id(broken: Path) -> None:
    edit(broken, "CA", lambda d: d["foreclosure"].update(sources=["no-such-source"]))
    assert "CA.yaml: foreclosure cites unknown source 'no-such-source'" in problems(broken)


def test_review_date_in_the_future(broken: Path) -> None:
    edit(broken, "NY", lambda d: d.update(last_reviewed="2099-01-01"))
    assert "NY.yaml: last_reviewed 2099-01-01 is in the future" in problems(broken)


def test_unknown_key_and_bad_value(broken: Path) -> None:
    edit(broken, "FL", lambda d: d["deficiency"]["judicial"].update(rule="maybe", colour="red"))
    found = problems(broken)
    assert any("FL.yaml: deficiency.judicial.rule" in p for p in found)
    assert any("FL.yaml: deficiency.judicial.colour" in p for p in found)


def test_code_must_match_file(broken: Path) -> None:
    edit(broken, "WA", lambda d: d.update(code="OR"))
    assert "WA.yaml: code OR does not match the file name" in problems(broken)


def test_extra_file(broken: Path) -> None:
    shutil.copy(broken / "WA.yaml", broken / "ZZ.yaml")
    assert "ZZ.yaml: not a state or DC" in problems(broken)


def test_money_files_are_checked(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    options = yaml.safe_load((content / "options.yaml").read_text())
    options["options"] = [o for o in options["options"] if o["id"] != "chapter-13"]
    options["options"][0]["sources"] = ["nowhere"]
    (content / "options.yaml").write_text(yaml.safe_dump(options, sort_keys=False))
    tax = yaml.safe_load((content / "tax.yaml").read_text())
    tax["rules"] = [r for r in tax["rules"] if r["id"] != "insolvency"]
    (content / "tax.yaml").write_text(yaml.safe_dump(tax, sort_keys=False))
    garnishment = yaml.safe_load((content / "garnishment.yaml").read_text())
    garnishment["judgment_notes"][0]["sources"] = ["elsewhere"]
    (content / "garnishment.yaml").write_text(yaml.safe_dump(garnishment, sort_keys=False))
    with pytest.raises(ContentError) as caught:
        load_library(content / "jurisdictions", content / "federal.yaml", TODAY)
    found = caught.value.problems
    assert "options.yaml: option 'chapter-13' is missing" in found
    assert any("cites unknown source 'nowhere'" in p for p in found)
    assert "tax.yaml: rule 'insolvency' is missing" in found
    assert any(p.startswith("garnishment.yaml:") and "'elsewhere'" in p for p in found)
