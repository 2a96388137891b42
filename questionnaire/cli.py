"""Command-line tasks: `flask --app app purge-expired`, `check-content`, `create-agency`…"""

from __future__ import annotations

import click
from flask import Flask, current_app

from .content import ContentError, load_questionnaire
from .interviews import purge_expired


def init_app(app: Flask) -> None:
    """Register the commands."""

    @app.cli.command("purge-expired")
    def purge_command() -> None:
        """Delete interviews, sessions and closed cases past their retention date."""
        from .counselor.casework import purge_closed_cases
        from .database import db
        from .server_session import utcnow

        cases = purge_closed_cases(db(), utcnow())
        db().commit()
        interviews, sessions = purge_expired()
        click.echo(f"Deleted {interviews} interviews, {sessions} sessions and {cases} cases.")

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

    @app.cli.command("create-agency")
    @click.option("--name", required=True, help="The agency's name.")
    @click.option("--admin-email", required=True, help="Email of the agency's first admin.")
    @click.option("--admin-name", required=True, help="Name of the agency's first admin.")
    @click.password_option(
        "--password",
        envvar="SHORTFALL_ADMIN_PASSWORD",
        help="The admin's first password (asked for if not given; at least 12 characters).",
    )
    def create_agency_command(name: str, admin_email: str, admin_name: str, password: str) -> None:
        """Create an agency and its first admin, who sets up a second factor at first sign-in."""
        from .counselor.accounts import AccountError, create_agency
        from .database import db
        from .server_session import utcnow

        try:
            agency, admin = create_agency(db(), name, admin_email, admin_name, password, utcnow())
        except AccountError as error:
            db().rollback()
            raise click.ClickException(ACCOUNT_PROBLEMS.get(error.code, error.code)) from None
        db().commit()
        click.echo(f"Created agency {agency.id} ({agency.name}) with admin {admin.email}.")

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


ACCOUNT_PROBLEMS = {
    "agency_name": "Give the agency a name of 200 characters or fewer.",
    "email": "Give a valid email address.",
    "email_taken": "An account with that email exists already.",
    "name": "Give the admin's name (200 characters or fewer).",
    "too_short": "The password must have at least 12 characters.",
    "too_long": "The password must have 256 characters or fewer.",
    "easy_to_guess": "That password is easy to guess. Use a longer one, such as four or more "
    "unrelated words.",
}
