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
