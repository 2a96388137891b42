"""Signing in and out: the password, then the second factor (set up at the first sign-in),
with a 30-minute idle limit that can be extended and a 12-hour absolute limit."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from werkzeug.wrappers import Response
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired, Length

from ..database import db
from ..models import Agency, User
from ..security import check_session_start, configured_limit, csrf, form_meta, limiter
from ..server_session import ServerSession, utcnow
from . import accounts, second_factor
from .audit import record

IDLE_LIMIT = dt.timedelta(minutes=30)
ABSOLUTE_LIMIT = dt.timedelta(hours=12)
PENDING_LIMIT = dt.timedelta(minutes=10)  # from the right password to the second factor
SEEN_EVERY = 60  # seconds: how often "last seen" is written, not on every request

blueprint = Blueprint("signin", __name__, url_prefix="/counselor")
login_manager = LoginManager()

WRONG = _l(
    "The email or password is not right. After 5 wrong tries in a row, the account is "
    "locked for 15 minutes."
)


class SignInForm(FlaskForm):
    """Email and password."""

    email = StringField(
        _l("Email"),
        validators=[
            InputRequired(message=_l("Enter your email.")),
            Length(max=254, message=_l("Enter your email.")),
        ],
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            InputRequired(message=_l("Enter your password.")),
            Length(max=256, message=WRONG),
        ],
    )


class CodeForm(FlaskForm):
    """A code from the authenticator app, or a recovery code."""

    code = StringField(
        _l("Code"),
        validators=[
            InputRequired(message=_l("Enter the code.")),
            Length(max=40, message=_l("Enter the 6 digits, or a recovery code.")),
        ],
    )


def init_app(app: Flask) -> None:
    """Switch on Flask-Login and the sign-in pages."""
    login_manager.init_app(app)
    # Flask-Login looks after a "remember me" cookie after every request. We never set one
    # (login_user without remember), so its hook runs on the sign-in pages only, not on every
    # page and API answer.
    hook = login_manager._update_remember_cookie
    app.after_request_funcs[None].remove(hook)
    app.after_request_funcs.setdefault(blueprint.name, []).append(hook)
    login_manager.login_view = "signin.sign_in"
    login_manager.login_message = ""  # the sign-in page says what to do; nothing flashed
    app.register_blueprint(blueprint)
    app.jinja_env.globals["counselor_session"] = counselor_session
    app.jinja_env.globals["form_errors"] = form_errors


def form_errors(form: FlaskForm) -> list[tuple[str, str]]:
    """(field id, first message) for the error summary; a stale form token is said plainly."""
    errors: list[tuple[str, str]] = []
    for name, messages in form.errors.items():
        if name == "csrf_token":
            first = next(iter(form))
            message = _l("The page was open too long. Please try again.")
            errors.append(
                (first.id if first.name != "csrf_token" else "main-content", str(message))
            )
        elif messages:
            errors.append((getattr(form, name).id, str(messages[0])))
    return errors


def _now() -> float:
    return utcnow().timestamp()


@login_manager.user_loader
def _signed_in(user_id: str) -> User | None:
    """The signed-in person, if this session is still good: same password and second factor
    as at sign-in (the session version), account on, within the idle and absolute limits."""
    state = session.get("counselor")
    if not isinstance(state, dict) or str(state.get("user")) != user_id:
        return None
    person = db().get(User, int(user_id))
    now = _now()
    if (
        person is None
        or not person.active
        or person.session_version != state.get("v")
        or now - float(state.get("seen", 0)) > IDLE_LIMIT.total_seconds()
        or now - float(state.get("since", 0)) > ABSOLUTE_LIMIT.total_seconds()
    ):
        _forget_sign_in()
        g.counselor_ended = True
        return None
    if now - float(state["seen"]) > SEEN_EVERY:
        session["counselor"] = {**state, "seen": now}
    return person


def _forget_sign_in() -> None:
    for key in ("counselor", "pending_counselor", "_user_id", "_fresh", "_id"):
        session.pop(key, None)


def counselor_session() -> dict[str, Any] | None:
    """For the page header: who is signed in, and when the idle limit runs out (seconds)."""
    if not current_user.is_authenticated:
        return None
    state = session.get("counselor") or {}
    left = IDLE_LIMIT.total_seconds() - (_now() - float(state.get("seen", _now())))
    agency = db().get(Agency, current_user.agency_id)
    return {
        "person": current_user,
        "agency": agency.name if agency else "",
        "idle_minutes": int(IDLE_LIMIT.total_seconds() // 60),
        "seconds_left": max(0, int(left)),
    }


def _safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site only, else the case list."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and "\\" not in target:
            return target
    return url_for("cases.case_list")


def _pending() -> User | None:
    """The person who gave the right password and must now give the second factor."""
    state = session.get("pending_counselor")
    if not isinstance(state, dict) or _now() - float(state.get("at", 0)) > (
        PENDING_LIMIT.total_seconds()
    ):
        return None
    person = db().get(User, int(state.get("user", 0)))
    if person is None or not person.active or person.session_version != state.get("v"):
        return None
    return person


@blueprint.get("/sign-in")
def sign_in() -> str | Response:
    """Ask for the email and password."""
    if current_user.is_authenticated:
        return redirect(url_for("cases.case_list"))
    ended = bool(request.args.get("ended")) or g.get("counselor_ended", False)
    return render_template(
        "counselor/sign_in.html",
        form=SignInForm(meta=form_meta()),
        ended=ended,
        next=request.args.get("next", ""),
    )


@blueprint.post("/sign-in")
@csrf.exempt  # checked by check_session_start: there may be no session, so no token, yet
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"))
def sign_in_post() -> str | Response:
    """Check the password; then ask for the second factor (or set one up, the first time)."""
    check_session_start()
    form = SignInForm(meta={"csrf": False})
    if form.validate():
        person = accounts.sign_in(db(), form.email.data or "", form.password.data or "", utcnow())
        if person is not None:
            assert isinstance(session, ServerSession)
            session.regenerate()  # a new token once the password is right (no fixation)
            _forget_sign_in()
            session["pending_counselor"] = {
                "user": person.id,
                "v": person.session_version,
                "at": _now(),
                "next": _safe_next(request.form.get("next")),
            }
            db().commit()
            target = "signin.second_factor" if person.totp_confirmed else "signin.set_up"
            return redirect(url_for(target), code=303)
        db().commit()  # the failed try and any lock are recorded
        form.password.errors = [WRONG]
    return render_template(
        "counselor/sign_in.html", form=form, ended=False, next=request.form.get("next", "")
    )


def _complete(person: User) -> None:
    """Both factors given: the person is signed in, on a fresh session token."""
    target = (session.get("pending_counselor") or {}).get("next")
    assert isinstance(session, ServerSession)
    session.regenerate()
    _forget_sign_in()
    login_user(person)
    now = _now()
    session["counselor"] = {
        "user": person.id,
        "v": person.session_version,
        "since": now,
        "seen": now,
    }
    session["counselor_next"] = target or url_for("cases.case_list")
    person.failed_logins = 0
    record(db(), person.agency_id, person.id, "signed_in", "user", person.id, utcnow())
    db().commit()


@blueprint.route("/second-factor", methods=["GET", "POST"], endpoint="second_factor")
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"), methods=["POST"])
def second_factor_page() -> str | Response:
    """Ask for the code from the authenticator app (or a recovery code)."""
    person = _pending()
    if person is None:
        return redirect(url_for("signin.sign_in"))
    if not person.totp_confirmed:
        return redirect(url_for("signin.set_up"))
    form = CodeForm()
    if form.validate_on_submit():
        if accounts.check_second_factor(db(), person, form.code.data or "", utcnow()):
            _complete(person)
            return redirect(session.pop("counselor_next", url_for("cases.case_list")), code=303)
        if accounts.second_factor_failed(db(), person, utcnow()):
            _forget_sign_in()
            db().commit()
            return redirect(url_for("signin.sign_in"), code=303)
        db().commit()
        form.code.errors = [_l("That code is not right. Check your app and try again.")]
    return render_template("counselor/second_factor.html", form=form)


@blueprint.route("/set-up-second-factor", methods=["GET", "POST"])
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"), methods=["POST"])
def set_up() -> str | Response:
    """First sign-in: add Shortfall to an authenticator app, then give one code from it."""
    person = _pending()
    if person is None:
        return redirect(url_for("signin.sign_in"))
    if person.totp_confirmed:
        return redirect(url_for("signin.second_factor"))
    if not person.totp_secret:
        accounts.start_second_factor(person)
        db().commit()
    assert person.totp_secret is not None
    form = CodeForm()
    if form.validate_on_submit():
        codes = accounts.confirm_second_factor(db(), person, form.code.data or "", utcnow())
        if codes is not None:
            _complete(person)
            target = session.pop("counselor_next", url_for("cases.case_list"))
            return render_template("counselor/recovery_codes.html", codes=codes, target=target)
        form.code.errors = [_l("That code is not right. Check your app and try again.")]
    uri = second_factor.setup_uri(person.totp_secret, person.email)
    return render_template(
        "counselor/set_up.html",
        form=form,
        secret=" ".join(person.totp_secret[i : i + 4] for i in range(0, 32, 4)),
        qr=_qr_svg(uri),
    )


def _qr_svg(text: str) -> Markup:
    """The setup address as an inline SVG QR code (made here: no outside service sees it)."""
    import segno

    out = io.BytesIO()
    segno.make(text, error="m").save(
        out, kind="svg", scale=4, xmldecl=False, svgclass="qr-code", lineclass=None, title=None
    )
    return Markup(out.getvalue().decode("utf-8"))


@blueprint.post("/sign-out")
@login_required
def sign_out() -> Response:
    """End the session here and now."""
    person = current_user
    record(db(), person.agency_id, person.id, "signed_out", "user", person.id, utcnow())
    db().commit()
    logout_user()
    session.clear()  # nothing of this browser's session is kept, on the server or here
    return redirect(url_for("signin.sign_in", signed_out=1), code=303)


@blueprint.post("/stay-signed-in")
@login_required
def stay_signed_in() -> Response:
    """Reset the idle limit (the warning's button); back to the page the person was on."""
    state = dict(session.get("counselor") or {})
    state["seen"] = _now()
    session["counselor"] = state
    if request.accept_mimetypes.best == "application/json":
        return Response(status=204)
    back = request.form.get("back") or ""
    return redirect(_safe_next(back), code=303)


def _unauthorized() -> Response:
    """Not signed in (or the session ran out): to the sign-in page, then back here."""
    ended = g.get("counselor_ended", False)
    target = request.full_path if request.method == "GET" else ""
    args: dict[str, Any] = {"next": target.rstrip("?")} if target else {}
    if ended:
        args["ended"] = "1"
    return redirect(url_for("signin.sign_in", **args))


login_manager.unauthorized_handler(_unauthorized)
