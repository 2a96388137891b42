"""The audit trail: one record per action, added to the action's own transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ..models import AuditEvent

# What a record can say was done (one vocabulary, used by the code and the admin's view).
ACTIONS = (
    "created",
    "viewed",
    "changed",
    "exported",
    "imported",
    "deleted",
    "signed_in",
    "signed_out",
    "sign_in_refused",
    "locked",
    "password_reset",
    "switched_off",
    "second_factor_set",
    "recovery_code_used",
    "purged",
)
# What it was done to.
SUBJECTS = ("agency", "user", "case", "note", "cases", "audit")


def record(
    session: Session,
    agency_id: int,
    user_id: int | None,
    action: str,
    subject: str,
    subject_id: int | None,
    now: dt.datetime,
) -> AuditEvent:
    """Add one audit record to the session; it is written when the action commits, or not at all."""
    if action not in ACTIONS or subject not in SUBJECTS:
        raise ValueError(f"unknown audit action or subject: {action} {subject}")
    event = AuditEvent(
        agency_id=agency_id,
        user_id=user_id,
        action=action,
        subject=subject,
        subject_id=subject_id,
        at=now,
    )
    session.add(event)
    return event
