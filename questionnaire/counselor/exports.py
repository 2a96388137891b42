"""The agency's cases as CSV and JSON for a date range, and counts by state, stage, verdict
and status that help an agency fill its periodic HUD-9902 or NFMC figures (not a filing)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from decimal import Decimal
from typing import Any

from flask import Blueprint, Response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..clock import today
from ..database import db
from ..i18n import text
from ..server_session import utcnow
from ..web.pages import questionnaire
from .audit import record
from .case_figures import CaseFigures
from .cases import STATUS_NAMES, agency_cases, figures_of

blueprint = Blueprint("exports", __name__, url_prefix="/cases")

LIENS = ("first", "second", "third")
COLUMNS = [
    "case_id", "reference", "status", "counselor", "opened", "updated", "closed", "state",
    "stage", "answers_complete", "collectability", "exposure_total", "deadline",
    "deadline_exact",
    *[f"{lien}_loan_{part}" for lien in LIENS
      for part in ("collectability", "deficiency", "exposure", "deadline")],
]  # fmt: skip
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
VERDICT_NAMES = {
    "barred": _l("Lender cannot collect"),
    "limited": _l("Lender can collect a limited amount"),
    "allowed": _l("Lender can collect"),
    "unclear": _l("Not clear yet"),
}


def neutralise(value: str) -> str:
    """A spreadsheet must show a cell as text, never run it: cells that could start a formula
    get a leading apostrophe (OWASP's advice for CSV injection)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _range() -> tuple[dt.date, dt.date]:
    """The date range asked for (cases opened from..to, inclusive); default: this year so far."""
    end = today()
    start = end.replace(month=1, day=1)
    try:
        start = dt.date.fromisoformat(request.args.get("from") or start.isoformat())
        end = dt.date.fromisoformat(request.args.get("to") or end.isoformat())
    except ValueError:
        pass
    return (start, end) if start <= end else (end, start)


def _money(value: Decimal | None) -> str:
    return f"{value:.2f}" if value is not None else ""


def _day(value: dt.date | dt.datetime | None) -> str:
    return (
        value.date().isoformat()
        if isinstance(value, dt.datetime)
        else (value.isoformat() if value else "")
    )


def records(start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """One record per case opened in the range, with the assessment's figures."""
    found = []
    for case, counselor, answers in agency_cases(current_user.agency_id):
        if not start <= case.created_at.date() <= end:
            continue
        figures: CaseFigures = figures_of(answers)
        row: dict[str, Any] = {
            "case_id": case.id,
            "reference": case.reference,
            "status": case.status,
            "counselor": counselor or "",
            "opened": _day(case.created_at),
            "updated": _day(case.updated_at),
            "closed": _day(case.closed_at),
            "state": figures.state or "",
            "stage": figures.stage or "",
            "answers_complete": figures.complete,
            "collectability": figures.collectability or "",
            "exposure_total": _money(figures.exposure_total),
            "deadline": _day(figures.deadline),
            "deadline_exact": figures.deadline_exact,
            "loans": [
                {
                    "lien": loan.lien,
                    "collectability": loan.collectability,
                    "deficiency": _money(loan.deficiency),
                    "exposure": _money(loan.exposure),
                    "deadline": _day(loan.deadline),
                    "deadline_exact": loan.deadline_exact,
                }
                for loan in figures.loans
            ],
        }
        found.append(row)
    found.sort(key=lambda row: row["case_id"])
    return found


def _download(body: str, mimetype: str, name: str) -> Response:
    """The export as a file to save, with its audit record written first."""
    record(db(), current_user.agency_id, current_user.id, "exported", "cases", None, utcnow())
    db().commit()
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _file_name(start: dt.date, end: dt.date, kind: str) -> str:
    return f"shortfall-cases-{start.isoformat()}-{end.isoformat()}.{kind}"


@blueprint.get("/export.csv")
@login_required
def export_csv() -> Response:
    """The cases opened in the range, one row each, loans side by side."""
    start, end = _range()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in records(start, end):
        loans = {loan["lien"]: loan for loan in row["loans"]}
        cells = [row[name] for name in COLUMNS[:14]]
        for lien in LIENS:
            loan = loans.get(lien, {})
            cells += [loan.get(part, "") for part in ("collectability", "deficiency",
                                                      "exposure", "deadline")]  # fmt: skip
        writer.writerow(
            [neutralise(cell) if isinstance(cell, str) else str(cell).lower() for cell in cells]
        )
    return _download(out.getvalue(), "text/csv", _file_name(start, end, "csv"))


@blueprint.get("/export.json")
@login_required
def export_json() -> Response:
    """The same records as JSON, loans as a list."""
    start, end = _range()
    body = {"from": start.isoformat(), "to": end.isoformat(), "cases": records(start, end)}
    return _download(json.dumps(body, indent=1), "application/json", _file_name(start, end, "json"))


@blueprint.get("/counts")
@login_required
def counts() -> str:
    """Counts of the cases opened in the range, by state, stage, verdict and status."""
    start, end = _range()
    rows = records(start, end)
    tables = {
        "state": Counter(row["state"] or "unknown" for row in rows),
        "stage": Counter(row["stage"] or "unknown" for row in rows),
        "collectability": Counter(row["collectability"] or "unknown" for row in rows),
        "status": Counter(row["status"] for row in rows),
    }
    stage_question = questionnaire().questions.get("stage")
    stage_names = {
        option.value: text(option.label) for option in getattr(stage_question, "options", [])
    }
    return render_template(
        "counselor/counts.html",
        stage_names=stage_names,
        verdict_names=VERDICT_NAMES,
        start=start,
        end=end,
        total=len(rows),
        tables={name: sorted(counter.items()) for name, counter in tables.items()},
        status_names=STATUS_NAMES,
    )
