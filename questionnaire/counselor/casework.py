"""Client cases: open one (empty, or from a homeowner's resume code), find one within the
agency, change it only from the version the counselor saw, add notes, delete, and purge
closed cases past the agency's retention.

Every query here is scoped to one agency. Every function adds its audit record to the same
database session and leaves the commit to the caller."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ..models import Agency, AuditEvent, CaseNote, ClientCase, ClientContact, Interview, User
from .audit import record

OPEN = "open"
REFERRED = "referred"
CLOSED = "closed"
STATUSES = (OPEN, REFERRED, CLOSED)
# A case's answers live as long as the case: the agency's retention decides, not the 30 days
# of a homeowner's interview, so the homeowner purge never reaches them.
CASE_ANSWERS_KEPT = dt.timedelta(days=365 * 100)
MAX_NOTE = 5000


class CaseError(ValueError):
    """A change that cannot be made; `code` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def open_case(
    session: Session,
    person: User,
    reference: str,
    language: str,
    now: dt.datetime,
    answers: str = "{}",
) -> ClientCase:
    """A new case at the person's agency, assigned to them, with its own answers."""
    reference = " ".join(reference.split())
    if not reference or len(reference) > 60:
        raise CaseError("reference")
    interview = Interview(
        answers=answers,
        language=language,
        created_at=now,
        updated_at=now,
        expires_at=now + CASE_ANSWERS_KEPT,
    )
    session.add(interview)
    session.flush()
    case = ClientCase(
        agency_id=person.agency_id,
        reference=reference,
        interview_id=interview.id,
        status=OPEN,
        counselor_id=person.id,
        version=1,
        created_at=now,
        updated_at=now,
        closed_at=None,
    )
    session.add(case)
    session.flush()
    record(session, person.agency_id, person.id, "created", "case", case.id, now)
    return case


def import_case(
    session: Session,
    person: User,
    homeowner: Interview,
    reference: str,
    now: dt.datetime,
) -> ClientCase:
    """A new case with a copy of the answers a homeowner shared by their resume code. The
    homeowner's own answers are not changed, and the two copies go their own ways."""
    case = open_case(session, person, reference, homeowner.language, now, homeowner.answers)
    record(session, person.agency_id, person.id, "imported", "case", case.id, now)
    return case


def case_in_agency(session: Session, agency_id: int, case_id: int) -> ClientCase | None:
    """The case, only if it belongs to this agency."""
    return session.scalar(
        select(ClientCase).where(ClientCase.id == case_id, ClientCase.agency_id == agency_id)
    )


def change_case(
    session: Session,
    case: ClientCase,
    seen_version: int,
    by: User,
    now: dt.datetime,
    status: str | None = None,
    counselor_id: int | None = None,
) -> None:
    """Change the status or the assigned counselor, only if nobody changed the case since the
    person saw it (`seen_version`); else CaseError("changed_meanwhile"), nothing written."""
    if status is not None and status not in STATUSES:
        raise CaseError("status")
    if counselor_id is not None:
        colleague = session.get(User, counselor_id)
        if colleague is None or colleague.agency_id != case.agency_id or not colleague.active:
            raise CaseError("counselor")
    values: dict[str, object] = {"version": seen_version + 1, "updated_at": now}
    if status is not None:
        values["status"] = status
        values["closed_at"] = now if status == CLOSED else None
    if counselor_id is not None:
        values["counselor_id"] = counselor_id
    changed = session.execute(
        update(ClientCase)
        .where(
            ClientCase.id == case.id,
            ClientCase.agency_id == case.agency_id,
            ClientCase.version == seen_version,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if getattr(changed, "rowcount", 0) != 1:
        raise CaseError("changed_meanwhile")
    session.refresh(case)
    record(session, case.agency_id, by.id, "changed", "case", case.id, now)


def touch_case(session: Session, case: ClientCase, by: User, now: dt.datetime) -> None:
    """An answer of the case was saved: the case changed (its version moves on)."""
    session.execute(
        update(ClientCase)
        .where(ClientCase.id == case.id)
        .values(version=ClientCase.version + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    record(session, case.agency_id, by.id, "changed", "case", case.id, now)


def add_note(
    session: Session, case: ClientCase, author: User, body: str, now: dt.datetime
) -> CaseNote:
    """A note on the case. Notes are only ever added, so two counselors writing at once both
    keep theirs."""
    body = body.strip()
    if not body or len(body) > MAX_NOTE:
        raise CaseError("note")
    note = CaseNote(case_id=case.id, author_id=author.id, body=body, created_at=now)
    session.add(note)
    session.execute(
        update(ClientCase)
        .where(ClientCase.id == case.id)
        .values(updated_at=now)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    record(session, case.agency_id, author.id, "created", "note", note.id, now)
    return note


def delete_case(session: Session, case: ClientCase, by: User | None, now: dt.datetime) -> None:
    """Delete the case, its answers, notes and client contact. The audit keeps only that a
    case with this number was deleted, by whom and when."""
    agency_id, case_id, interview_id = case.agency_id, case.id, case.interview_id
    session.execute(delete(CaseNote).where(CaseNote.case_id == case_id))
    session.execute(delete(ClientContact).where(ClientContact.case_id == case_id))
    session.execute(delete(ClientCase).where(ClientCase.id == case_id))
    session.execute(delete(Interview).where(Interview.id == interview_id))
    session.expunge(case)
    action = "deleted" if by is not None else "purged"
    record(session, agency_id, by.id if by else None, action, "case", case_id, now)


def purge_closed_cases(session: Session, now: dt.datetime) -> int:
    """Delete every case closed longer ago than its agency keeps closed cases."""
    purged = 0
    for agency in session.scalars(select(Agency)):
        cutoff = now - dt.timedelta(days=agency.retention_days)
        for case in session.scalars(
            select(ClientCase).where(
                ClientCase.agency_id == agency.id,
                ClientCase.status == CLOSED,
                ClientCase.closed_at.is_not(None),
                ClientCase.closed_at < cutoff,
            )
        ).all():
            delete_case(session, case, None, now)
            purged += 1
    return purged


def audit_of(session: Session, agency_id: int, limit: int = 200) -> list[AuditEvent]:
    """The agency's latest audit records, newest first."""
    return list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.agency_id == agency_id)
            .order_by(AuditEvent.id.desc())
            .limit(limit)
        )
    )
