"""Command-line tasks: `flask --app app purge-expired` and `flask --app app check-content`."""

from __future__ import annotations

import click
from flask import Flask, current_app

from .content import ContentError, load_questionnaire
from .interviews import purge_expired


def init_app(app: Flask) -> None:
    """Register the commands."""

    @app.cli.command("purge-expired")
    def purge_command() -> None:
        """Delete interviews and sessions past their retention date."""
        interviews, sessions = purge_expired()
        click.echo(f"Deleted {interviews} interviews and {sessions} sessions.")

    @app.cli.command("law-coverage")
    def coverage_command() -> None:
        """Write docs/law-coverage.md from the jurisdiction files."""
        from pathlib import Path

        from .law.coverage import coverage_markdown

        target = Path(current_app.root_path).parent / "docs" / "law-coverage.md"
        target.parent.mkdir(exist_ok=True)
        target.write_text(
            coverage_markdown(current_app.extensions["shortfall.law"], target.parent / "audit"),
            encoding="utf-8",
        )
        click.echo(f"Wrote {target.name}.")

    @app.cli.command("export-texts")
    @click.option("--language", required=True, help="The language code to translate into.")
    @click.argument("output", type=click.Path(dir_okay=False))
    @click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
    def export_command(language: str, output: str, files: tuple[str, ...]) -> None:
        """Write the English texts that lack LANGUAGE to a JSON file for a translator."""
        import json
        from pathlib import Path

        from .translation import export_texts

        base = Path(current_app.root_path).parent
        chosen = [Path(f).resolve() for f in files] or sorted((base / "content").rglob("*.yaml"))
        wanted = export_texts(chosen, language, base)
        Path(output).write_text(json.dumps(wanted, ensure_ascii=False, indent=1), encoding="utf-8")
        click.echo(f"Wrote {sum(len(t) for t in wanted.values())} texts from {len(wanted)} files.")

    @app.cli.command("import-texts")
    @click.option("--language", required=True, help="The language code of the translations.")
    @click.argument("source", type=click.Path(exists=True, dir_okay=False))
    def import_command(language: str, source: str) -> None:
        """Write translated texts from a JSON file (as export-texts made it) into content."""
        import json
        from pathlib import Path

        from .translation import import_texts

        base = Path(current_app.root_path).parent
        translations = json.loads(Path(source).read_text(encoding="utf-8"))
        problems = import_texts(translations, language, base)
        for problem in problems:
            click.echo(problem, err=True)
        click.echo(f"Imported {language} texts; {len(problems)} problems.")

    @app.cli.command("check-texts")
    @click.argument("source", type=click.Path(exists=True, dir_okay=False))
    @click.argument("translated", type=click.Path(exists=True, dir_okay=False))
    def check_texts_command(source: str, translated: str) -> None:
        """Compare a translation file with the export it came from; list any problems."""
        import json
        from pathlib import Path

        from .translation import check_translation

        problems = check_translation(
            json.loads(Path(source).read_text(encoding="utf-8")),
            json.loads(Path(translated).read_text(encoding="utf-8")),
        )
        for problem in problems:
            click.echo(problem, err=True)
        click.echo(f"{len(problems)} problems.")
        if problems:
            raise SystemExit(1)

    @app.cli.command("check-content")
    def check_command() -> None:
        """Validate the questionnaire content and list any problems."""
        try:
            load_questionnaire(current_app.config["QUESTIONS_DIR"])
        except ContentError as error:
            for problem in error.problems:
                click.echo(problem, err=True)
            raise SystemExit(1) from None
        click.echo("Content is valid.")
