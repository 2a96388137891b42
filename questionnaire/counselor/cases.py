"""The agency's cases: the list a counselor starts from (always scoped to their agency)."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required
from sqlalchemy import select

from ..database import db
from ..models import ClientCase, User

blueprint = Blueprint("cases", __name__, url_prefix="/cases")


@blueprint.get("/")
@login_required
def case_list() -> str:
    """The cases of the signed-in person's agency, most recently changed first."""
    rows = (
        db()
        .execute(
            select(ClientCase, User.name)
            .outerjoin(User, User.id == ClientCase.counselor_id)
            .where(ClientCase.agency_id == current_user.agency_id)
            .order_by(ClientCase.updated_at.desc())
            .limit(50)
        )
        .all()
    )
    return render_template("counselor/cases.html", rows=rows)
