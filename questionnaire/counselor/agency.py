"""The agency admin's pages: the agency's people (add, reset, switch off), its settings
(retention, client contacts) and its audit trail (read and export). Admins only."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import BooleanField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange

from ..database import db
from ..models import Agency, User
from ..server_session import utcnow
from . import accounts
from .accounts import AccountError
from .audit import record
from .casework import audit_of
from .exports import neutralise

blueprint = Blueprint("agency", __name__, url_prefix="/agency")
View = TypeVar("View", bound=Callable[..., Any])

ACCOUNT_PROBLEMS = {
    "email": _l("Enter an email address, like name@agency.org."),
    "email_taken": _l("Someone already has an account with that email."),
    "name": _l("Enter the person's name."),
    "role": _l("Choose a role."),
    "too_short": _l("Use at least 12 characters for the password."),
    "too_long": _l("Use 256 characters or fewer for the password."),
    "easy_to_guess": _l(
        "That password is easy to guess. Use a longer one, such as four or more unrelated words."
    ),
}
ROLE_NAMES = {accounts.AGENCY_ADMIN: _l("Agency admin"), accounts.COUNSELOR: _l("Counselor")}


def admins_only(view: View) -> View:
    """The page needs a signed-in agency admin; others get 404 (nothing to see here)."""

    @wraps(view)
    @login_required
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if current_user.role != accounts.AGENCY_ADMIN:
            abort(404)
        return view(*args, **kwargs)

    return guarded  # type: ignore[return-value]


class PersonForm(FlaskForm):
    """A new person of the agency, with a first password to give them privately."""

    name = StringField(_l("Name"), validators=[InputRequired(message=ACCOUNT_PROBLEMS["name"])])
    email = StringField(
        _l("Email"), validators=[InputRequired(message=ACCOUNT_PROBLEMS["email"]), Length(max=254)]
    )
    role = SelectField(_l("Role"), choices=[])
    password = PasswordField(
        _l("First password"),
        validators=[InputRequired(message=ACCOUNT_PROBLEMS["too_short"]), Length(max=256)],
    )


class PasswordForm(FlaskForm):
    """A new password an admin sets for a colleague who forgot theirs."""

    password = PasswordField(
        _l("New password"),
        validators=[InputRequired(message=ACCOUNT_PROBLEMS["too_short"]), Length(max=256)],
    )


class SettingsForm(FlaskForm):
    """How long closed cases are kept, and whether client names and contacts are kept."""

    retention_days = IntegerField(
        _l("Days to keep a closed case"),
        validators=[
            InputRequired(message=_l("Enter a number of days from 30 to 3650.")),
            NumberRange(30, 3650, message=_l("Enter a number of days from 30 to 3650.")),
        ],
    )
    keeps_client_contact = BooleanField(_l("Let counselors record a client's name and contact"))


class ActionForm(FlaskForm):
    """Only a CSRF token, for buttons."""


def _agency() -> Agency:
    agency = db().get(Agency, current_user.agency_id)
    assert agency is not None
    return agency


def _colleague(user_id: int) -> User:
    person = db().get(User, user_id)
    if person is None or person.agency_id != current_user.agency_id:
        abort(404)
    return person


def _people_page(form: PersonForm, notice: str = "") -> str:
    people = db().scalars(
        select(User).where(User.agency_id == current_user.agency_id).order_by(User.name)
    )
    return render_template(
        "counselor/people.html",
        people=list(people),
        form=form,
        action=ActionForm(),
        role_names=ROLE_NAMES,
        notice=notice,
    )


def _person_form() -> PersonForm:
    form = PersonForm()
    form.role.choices = [(key, str(name)) for key, name in ROLE_NAMES.items()]
    return form


@blueprint.route("/people", methods=["GET", "POST"])
@admins_only
def people() -> str | Response:
    """The agency's people, and a form to add one."""
    form = _person_form()
    if form.validate_on_submit():
        try:
            person = accounts.add_person(
                db(),
                _agency(),
                form.email.data or "",
                form.name.data or "",
                form.role.data or "",
                form.password.data or "",
                current_user,
                utcnow(),
            )
        except AccountError as error:
            db().rollback()
            field = (
                "password"
                if error.code in ("too_short", "too_long", "easy_to_guess")
                else ("email" if error.code.startswith("email") else error.code)
            )
            getattr(form, field).errors = [ACCOUNT_PROBLEMS[error.code]]
            return _people_page(form)
        db().commit()
        notice = _l(
            "%(name)s can now sign in with the password you chose. Give it to them in person "
            "or by phone. They set up their second step at the first sign-in.",
            name=person.name,
        )
        return _people_page(_person_form(), str(notice))
    return _people_page(form)


@blueprint.route("/people/<int:user_id>/password", methods=["GET", "POST"])
@admins_only
def reset_password(user_id: int) -> str | Response:
    """Set a new password for a colleague; their sessions end."""
    person = _colleague(user_id)
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            accounts.set_password(
                db(), person, form.password.data or "", current_user, utcnow(), _agency()
            )
        except AccountError as error:
            db().rollback()
            form.password.errors = [ACCOUNT_PROBLEMS[error.code]]
        else:
            db().commit()
            return redirect(url_for("agency.people"), code=303)
    return render_template("counselor/reset_password.html", form=form, person=person)


@blueprint.post("/people/<int:user_id>/<any(off, on, 'second-factor'):change>")
@admins_only
def change_person(user_id: int, change: str) -> Response:
    """Switch a colleague off or on, or clear their lost second factor."""
    person = _colleague(user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if person.id == current_user.id and change == "off":
        abort(400)  # an admin cannot lock themselves out
    if change == "off":
        accounts.switch_off(db(), person, current_user, utcnow())
    elif change == "on":
        accounts.switch_on(db(), person, current_user, utcnow())
    else:
        accounts.reset_second_factor(db(), person, current_user, utcnow())
    db().commit()
    return redirect(url_for("agency.people"), code=303)


@blueprint.route("/settings", methods=["GET", "POST"])
@admins_only
def settings() -> str | Response:
    """Retention of closed cases, and client contacts."""
    agency = _agency()
    form = SettingsForm(obj=agency)
    if form.validate_on_submit():
        agency.retention_days = int(form.retention_days.data or agency.retention_days)
        agency.keeps_client_contact = bool(form.keeps_client_contact.data)
        record(db(), agency.id, current_user.id, "changed", "agency", agency.id, utcnow())
        db().commit()
        return redirect(url_for("agency.settings", saved=1), code=303)
    return render_template(
        "counselor/settings.html", form=form, agency=agency, saved=request.args.get("saved")
    )


@blueprint.get("/audit")
@admins_only
def audit() -> str:
    """The latest 200 records of who did what, when."""
    events = audit_of(db(), current_user.agency_id)
    names = _names()
    return render_template("counselor/audit.html", events=events, names=names)


@blueprint.get("/audit.csv")
@admins_only
def audit_csv() -> Response:
    """The whole audit trail of the agency, as CSV (the export is itself recorded)."""
    events = audit_of(db(), current_user.agency_id, limit=1_000_000)
    names = _names()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "at", "user_id", "user", "action", "subject", "subject_id"])
    for event in reversed(events):
        writer.writerow(
            [
                event.id,
                event.at.isoformat(),
                event.user_id or "",
                neutralise(names.get(event.user_id or 0, "")),
                event.action,
                event.subject,
                event.subject_id or "",
            ]
        )
    record(db(), current_user.agency_id, current_user.id, "exported", "audit", None, utcnow())
    db().commit()
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="shortfall-audit.csv"'
    return response


def _names() -> dict[int, str]:
    people = db().scalars(select(User).where(User.agency_id == current_user.agency_id))
    return {person.id: person.name for person in people}
