"""Starting, saving with a resume code, resuming on any device, and deleting answers."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from ..i18n import language_cookie, languages, remember_language, select_locale
from ..interviews import (
    answers_of,
    current_interview,
    delete_interview,
    find_by_code,
    issue_resume_code,
    set_language,
    start_interview,
)
from ..security import check_session_start, configured_limit, csrf, form_meta, limiter
from ..server_session import ServerSession
from .pages import resume_target

blueprint = Blueprint("interview", __name__)


class ActionForm(FlaskForm):
    """A form with only a CSRF token, for buttons that change something."""


class ResumeForm(FlaskForm):
    """The resume code a person typed."""

    code = StringField(
        _l("Resume code"),
        validators=[
            InputRequired(message=_l("Enter your resume code.")),
            Length(max=40, message=_l("A resume code has 12 letters and numbers.")),
        ],
    )


@blueprint.post("/start")
@csrf.exempt  # checked by check_session_start: there may be no session, so no token, yet
@limiter.limit(configured_limit("START_RATE_LIMIT"))
def start() -> Response:
    """Begin (or carry on with) this browser's interview; the session is made here."""
    check_session_start()
    assert isinstance(session, ServerSession)
    session.regenerate()  # a new token at every start: a planted or copied one stops working
    interview = current_interview() or start_interview(select_locale())
    return redirect(resume_target(answers_of(interview)), code=303)


@blueprint.get("/save")
def save() -> str | Response:
    """Explain the resume code and offer to make one."""
    if current_interview() is None:
        return redirect(url_for("pages.start"))
    return render_template("save.html", form=ActionForm(), code=None)


@blueprint.post("/save")
def save_code() -> str | Response:
    """Make a resume code and show it once (it is never put in a URL or stored in clear)."""
    interview = current_interview()
    if interview is None:
        return redirect(url_for("pages.start"))
    code = issue_resume_code(interview)
    days = current_app.config["RETENTION_DAYS"]
    return render_template("save.html", form=ActionForm(), code=code, days=days)


@blueprint.get("/resume")
def resume() -> str:
    """Ask for a resume code."""
    return render_template("resume.html", form=ResumeForm(meta=form_meta()))


def _resume_limit() -> str:
    return str(current_app.config["RESUME_RATE_LIMIT"])


@blueprint.post("/resume")
@csrf.exempt  # checked by check_session_start, as for /start
@limiter.limit(_resume_limit, methods=["POST"])
def resume_post() -> str | Response:
    """Open the answers a resume code belongs to, on this browser (the session is made here)."""
    check_session_start()
    form = ResumeForm(meta={"csrf": False})
    if form.validate():
        interview = find_by_code(form.code.data or "")
        if interview is not None:
            assert isinstance(session, ServerSession)
            session.regenerate()
            session["interview_id"] = interview.id
            response = redirect(resume_target(answers_of(interview)), code=303)
            if language_cookie() in request.cookies:
                set_language(select_locale())  # a language chosen on this browser wins
            elif interview.language in languages():
                remember_language(response, interview.language)  # as they left it
            return response
        form.code.errors = [
            _l("We could not find answers for that code. Check the code and try again.")
        ]
    return render_template("resume.html", form=form)


@blueprint.get("/delete")
def delete() -> str:
    """Ask the person to confirm deleting their answers."""
    return render_template(
        "delete.html", form=ActionForm(meta=form_meta()), interview=current_interview()
    )


@blueprint.post("/delete")
def delete_post() -> Response:
    """Delete the answers and forget this browser's session."""
    interview = current_interview()
    if interview is not None:
        delete_interview(interview)
    session.clear()
    response = redirect(url_for("interview.deleted"), code=303)
    # The browser forgets this site too: cookies, storage and cached pages.
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


@blueprint.get("/deleted")
def deleted() -> str:
    """Confirm the answers are gone."""
    return render_template("deleted.html")
