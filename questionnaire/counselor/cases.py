"""The agency's cases: the list, a new case (empty or from a homeowner's resume code), and a
case's own page with its status, counselor, notes and links to its answers and report.
Every query is scoped to the signed-in person's agency."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from ..clock import today
from ..database import db
from ..i18n import select_locale, words
from ..interviews import find_by_code
from ..models import Agency, CaseNote, ClientCase, ClientContact, Interview, User
from ..server_session import utcnow
from ..web.pages import questionnaire
from . import casework
from .audit import record
from .case_figures import CaseFigures, case_figures
from .casework import CaseError

blueprint = Blueprint("cases", __name__, url_prefix="/cases")

STATUS_NAMES = {
    casework.OPEN: _l("Open"),
    casework.REFERRED: _l("Referred"),
    casework.CLOSED: _l("Closed"),
}
CASE_PROBLEMS = {
    "reference": _l("Enter a client reference. Use 60 letters or numbers at most."),
    "changed_meanwhile": _l(
        "Someone else changed this case while you had it open. We did not save your change. "
        "Check the case as it is now, then make your change again."
    ),
    "status": _l("Choose a status."),
    "counselor": _l("Choose a counselor of your agency."),
    "note": _l("Write a note of 5,000 characters or fewer."),
}


class NewCaseForm(FlaskForm):
    """A client reference, and a resume code when the client answered on their own first."""

    reference = StringField(
        _l("Client reference"),
        validators=[
            InputRequired(message=CASE_PROBLEMS["reference"]),
            Length(max=60, message=CASE_PROBLEMS["reference"]),
        ],
    )
    code = StringField(_l("Resume code (optional)"), validators=[Length(max=40)])


class CaseForm(FlaskForm):
    """Status and counselor, with the version the counselor saw."""

    status = SelectField(_l("Status"), choices=[])
    counselor = SelectField(_l("Counselor"), choices=[], coerce=int)
    version = HiddenField()


class NoteForm(FlaskForm):
    """A new note."""

    body = TextAreaField(
        _l("Add a note"),
        validators=[
            InputRequired(message=CASE_PROBLEMS["note"]),
            Length(max=casework.MAX_NOTE, message=CASE_PROBLEMS["note"]),
        ],
    )


def _colleagues() -> list[tuple[int, str]]:
    people = db().scalars(
        select(User)
        .where(User.agency_id == current_user.agency_id, User.active.is_(True))
        .order_by(User.name)
    )
    return [(person.id, person.name) for person in people]


def _own_case(case_id: int) -> ClientCase:
    case = casework.case_in_agency(db(), current_user.agency_id, case_id)
    if case is None:
        abort(404)  # another agency's case looks exactly like one that does not exist
    return case


PAGE_SIZE = 25


def agency_cases(agency_id: int) -> list[tuple[ClientCase, str | None, str]]:
    """Every case of the agency with its counselor's name and its stored answers, most
    recently changed first."""
    rows = (
        db()
        .execute(
            select(ClientCase, User.name, Interview.answers)
            .join(Interview, Interview.id == ClientCase.interview_id)
            .outerjoin(User, User.id == ClientCase.counselor_id)
            .where(ClientCase.agency_id == agency_id)
            .order_by(ClientCase.updated_at.desc(), ClientCase.id.desc())
        )
        .all()
    )
    return [(case, name, answers) for case, name, answers in rows]


def figures_of(answers: str) -> CaseFigures:
    """The assessment's figures for stored answers (see case_figures)."""
    return case_figures(questionnaire(), current_app.extensions["shortfall.law"], answers, today())


def _number(text: str | None, low: int, high: int) -> int | None:
    return int(text) if text and text.isdigit() and low <= int(text) <= high else None


@blueprint.get("/")
@login_required
def case_list() -> str:
    """The agency's cases: search by reference, filter by state, status and a deadline within
    N days, 25 to a page."""
    query = " ".join(request.args.get("q", "").split())[:60].lower()
    state = request.args.get("state", "")
    status = request.args.get("status", "")
    within = _number(request.args.get("within"), 0, 3650)
    rows = agency_cases(current_user.agency_id)
    if query:
        rows = [row for row in rows if query in row[0].reference.lower()]
    if status in STATUS_NAMES:
        rows = [row for row in rows if row[0].status == status]
    shown = []
    for case, counselor, answers in rows:
        figures = figures_of(answers) if within is not None else None
        if state and _answered_state(answers) != state:
            continue
        if within is not None:
            day = figures.deadline if figures else None
            if day is None or not 0 <= (day - today()).days <= within:
                continue
        shown.append((case, counselor, answers))
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    page = min(_number(request.args.get("page"), 1, 100000) or 1, pages)
    listed = [
        (case, counselor, figures_of(answers))
        for case, counselor, answers in shown[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    ]
    filters: dict[str, Any] = {"q": query, "state": state, "status": status, "within": within}
    return render_template(
        "counselor/cases.html",
        rows=listed,
        total=len(shown),
        page=page,
        pages=pages,
        filters=filters,
        page_link=lambda number: url_for(
            "cases.case_list", page=number, **{k: v for k, v in filters.items() if v}
        ),
        states=_state_choices(),
        status_names=STATUS_NAMES,
    )


def _answered_state(answers: str) -> str | None:
    try:
        value = json.loads(answers).get("state")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def _state_choices() -> list[tuple[str, str]]:
    names = words()
    codes = sorted(current_app.extensions["shortfall.law"].jurisdictions)
    return sorted(((code, names.state(code)) for code in codes), key=lambda pair: pair[1])


@blueprint.route("/new", methods=["GET", "POST"])
@login_required
def new_case() -> str | Response:
    """Open a case: empty, or with the answers a client shared by their resume code."""
    form = NewCaseForm()
    if form.validate_on_submit():
        now = utcnow()
        code = (form.code.data or "").strip()
        try:
            if code:
                homeowner = find_by_code(code)
                if homeowner is None:
                    form.code.errors = [
                        _l("We could not find answers for that code. Check it with your client.")
                    ]
                    return render_template("counselor/new_case.html", form=form)
                case = casework.import_case(
                    db(), current_user, homeowner, form.reference.data or "", now
                )
            else:
                case = casework.open_case(
                    db(), current_user, form.reference.data or "", select_locale(), now
                )
        except CaseError as error:
            form.reference.errors = [CASE_PROBLEMS[error.code]]
            return render_template("counselor/new_case.html", form=form)
        db().commit()
        return redirect(url_for("cases.case_page", case_id=case.id), code=303)
    return render_template("counselor/new_case.html", form=form)


@blueprint.get("/<int:case_id>")
@login_required
def case_page(case_id: int) -> str:
    """One case: status, counselor, notes, and its answers and report."""
    case = _own_case(case_id)
    record(db(), case.agency_id, current_user.id, "viewed", "case", case.id, utcnow())
    db().commit()
    return _show(case, _case_form(case), NoteForm())


def _case_form(case: ClientCase, formdata: object = None) -> CaseForm:
    form = CaseForm(formdata=formdata) if formdata is not None else CaseForm()
    form.status.choices = [(key, str(name)) for key, name in STATUS_NAMES.items()]
    form.counselor.choices = _colleagues()
    if formdata is None:
        form.status.data = case.status
        form.counselor.data = case.counselor_id or 0
        form.version.data = str(case.version)
    return form


def _show(case: ClientCase, form: CaseForm, note: NoteForm, problem: str = "") -> str:
    notes = (
        db()
        .execute(
            select(CaseNote, User.name)
            .join(User, User.id == CaseNote.author_id)
            .where(CaseNote.case_id == case.id)
            .order_by(CaseNote.created_at, CaseNote.id)
        )
        .all()
    )
    counselor = db().get(User, case.counselor_id) if case.counselor_id else None
    answers = url_for("case_pages.check_answers", case_id=case.id)
    agency = db().get(Agency, case.agency_id)
    contact = db().get(ClientContact, case.id)
    contact_form = None
    if agency is not None and agency.keeps_client_contact:
        contact_form = ContactForm(
            data={"name": contact.name, "contact": contact.contact} if contact else None
        )
    return render_template(
        "counselor/case.html",
        contact_form=contact_form,
        delete_form=FlaskForm(),
        case=case,
        form=form,
        note_form=note,
        notes=notes,
        counselor=counselor,
        status_names=STATUS_NAMES,
        problem=problem,
        answers_url=answers,
        report_url=url_for("case_report.report", case_id=case.id),
    )


@blueprint.post("/<int:case_id>")
@login_required
def change(case_id: int) -> str | Response:
    """Change the status or counselor, from the version the person saw."""
    case = _own_case(case_id)
    form = _case_form(case, request.form)
    if form.validate():
        try:
            casework.change_case(
                db(),
                case,
                int(form.version.data or 0),
                current_user,
                utcnow(),
                status=form.status.data,
                counselor_id=form.counselor.data,
            )
        except CaseError as error:
            db().rollback()
            db().refresh(case)
            return _show(case, _case_form(case), NoteForm(), str(CASE_PROBLEMS[error.code]))
        db().commit()
        return redirect(url_for("cases.case_page", case_id=case.id), code=303)
    return _show(case, form, NoteForm())


@blueprint.post("/<int:case_id>/notes")
@login_required
def add_note(case_id: int) -> str | Response:
    """Add a note (notes are only added, so two people writing at once both keep theirs)."""
    case = _own_case(case_id)
    note = NoteForm()
    if note.validate_on_submit():
        casework.add_note(db(), case, current_user, note.body.data or "", utcnow())
        db().commit()
        return redirect(url_for("cases.case_page", case_id=case.id) + "#notes", code=303)
    return _show(case, _case_form(case), note)


class ContactForm(FlaskForm):
    """The client's name and a way to reach them, for agencies that keep them."""

    name = StringField(_l("Client's name"), validators=[Length(max=200)])
    contact = StringField(_l("Phone or email"), validators=[Length(max=200)])


@blueprint.post("/<int:case_id>/contact")
@login_required
def save_contact(case_id: int) -> Response:
    """Keep the client's name and contact apart from the answers (if the agency allows it)."""
    case = _own_case(case_id)
    agency = db().get(Agency, case.agency_id)
    form = ContactForm()
    if agency is None or not agency.keeps_client_contact or not form.validate_on_submit():
        abort(400)
    contact = db().get(ClientContact, case.id) or ClientContact(case_id=case.id)
    contact.name = " ".join((form.name.data or "").split())
    contact.contact = " ".join((form.contact.data or "").split())
    db().add(contact)
    record(db(), case.agency_id, current_user.id, "changed", "case", case.id, utcnow())
    db().commit()
    return redirect(url_for("cases.case_page", case_id=case.id), code=303)


@blueprint.post("/<int:case_id>/delete")
@login_required
def delete(case_id: int) -> Response:
    """Delete the case for good: answers, notes and contact (agency admins only)."""
    case = _own_case(case_id)
    if current_user.role != "agency_admin":
        abort(404)
    if not FlaskForm().validate_on_submit() or request.form.get("confirm") != "yes":
        return redirect(url_for("cases.case_page", case_id=case.id), code=303)
    casework.delete_case(db(), case, current_user, utcnow())
    db().commit()
    return redirect(url_for("cases.case_list", deleted=1), code=303)
