"""A new language is a data change: a copy of the content with French texts added by the
translation tools, a French catalog, and no code change, serves French pages and reports;
a text left out stops the start-up."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from questionnaire.content import ContentError
from questionnaire.translation import export_texts, import_texts

from .conftest import TODAY, Walker, make_app

ROOT = Path(__file__).resolve().parent.parent


def add_french(base: Path) -> None:
    """Copy the content and give every text a French version ("FR" and the English words)."""
    shutil.copytree(ROOT / "content", base / "content")
    wanted = export_texts(sorted((base / "content").rglob("*.yaml")), "fr", base)
    assert sum(len(texts) for texts in wanted.values()) > 1500
    french = {
        name: {path: f"FR {english}" for path, english in texts.items()}
        for name, texts in wanted.items()
    }
    assert import_texts(french, "fr", base) == []
    index = base / "content" / "questions" / "questionnaire.yaml"
    data = index.read_text(encoding="utf-8")
    index.write_text(re.sub(r"languages: \[(.*?)\]", r"languages: [\1, fr]", data), "utf-8")
    catalog = Catalog(locale="fr")
    catalog.add("Continue", "Continuer")
    catalog.add("Start now", "Commencer")
    folder = base / "translations" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)


def french_app(base: Path, database: str) -> object:
    content = base / "content"
    return make_app(
        database,
        QUESTIONS_DIR=content / "questions",
        LAW_DIR=content / "jurisdictions",
        FEDERAL_FILE=content / "federal.yaml",
        FINDINGS_FILE=content / "findings.yaml",
        BABEL_TRANSLATION_DIRECTORIES=f"{base / 'translations'};{ROOT / 'translations'}",
    )


def test_a_language_added_as_data_serves_pages_and_reports(tmp_path: Path) -> None:
    add_french(tmp_path)
    app = french_app(tmp_path, f"sqlite:///{tmp_path / 'fr.sqlite3'}")
    with app.test_client() as client:  # type: ignore[attr-defined]
        start = client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
        assert '<html lang="fr">' in start.text and "Commencer" in start.text
        assert (
            'hreflang="es">Español</a>' in start.text and 'hreflang="en">English</a>' in start.text
        )
        client.get("/?lang=fr")  # the switch: the page's own choice, kept by the browser
        walker = Walker(client)
        walker.start()
        question = walker.page()
        assert "FR Which state is your home in?" in question.text
        assert "Continuer" in question.text
        walker.answer("CA", expect="state")
        assert "FR " in walker.page().text
        # The API renders findings in the new language too, codes unchanged.
        result = client.post(
            "/api/v1/assessments",
            json={
                "state": "CA",
                "stage": "foreclosure_sale_done",
                "foreclosure_type": "nonjudicial",
                "loans": [{"lien": "first", "purpose": "purchase", "principal": "300000"}],
                "today": TODAY.isoformat(),
                "language": "fr",
            },
        ).get_json()
        texts = [reason["text"] for reason in result["loans"][0]["reasons"]]
        assert texts and all(text.startswith("FR ") for text in texts)


def test_a_missing_text_in_a_listed_language_stops_the_start(tmp_path: Path) -> None:
    add_french(tmp_path)
    law = tmp_path / "content" / "jurisdictions" / "OR.yaml"
    data = law.read_text(encoding="utf-8")
    first = re.search(r'\n(\s+)fr: "FR [^\n]*', data)
    assert first is not None
    law.write_text(data.replace(first.group(0), "", 1), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        french_app(tmp_path, f"sqlite:///{tmp_path / 'broken.sqlite3'}")
    assert any("jurisdictions/OR.yaml" in p and "fr" in p for p in error.value.problems)
    yaml.safe_load(data)  # the file itself was valid YAML: the language check caught it
