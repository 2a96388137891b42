"""Client cases below the pages: scoped to the agency, versioned changes, notes that are only
added, imports that leave the homeowner's copy alone, deletion and retention on a frozen clock."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from flask import Flask
from sqlalchemy import func, select

from questionnaire.counselor import accounts, casework
from questionnaire.counselor.casework import CaseError
from questionnaire.database import db
from questionnaire.models import AuditEvent, CaseNote, ClientCase, Interview, User

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
PASSWORD = "maple kettle orbit 42 lantern"


def _people(app: Flask) -> tuple[int, int, int]:
    """Two agencies; returns the ids of agency A's admin, A's counselor and B's admin."""
    with app.app_context():
        session = db()
        agency_a, admin_a = accounts.create_agency(session, "A", "a@a.org", "Ann", PASSWORD, NOW)
        counselor = accounts.add_person(
            session, agency_a, "c@a.org", "Cal", "counselor", PASSWORD, admin_a, NOW
        )
        _agency_b, admin_b = accounts.create_agency(session, "B", "b@b.org", "Bea", PASSWORD, NOW)
        session.commit()
        return admin_a.id, counselor.id, admin_b.id


def test_cases_are_found_only_within_their_agency(app: Flask) -> None:
    admin_a, _counselor, admin_b = _people(app)
    with app.app_context():
        session = db()
        ann = session.get(User, admin_a)
        assert ann is not None
        case = casework.open_case(session, ann, "  A-001 ", "en", NOW)
        session.commit()
        assert case.reference == "A-001" and case.status == "open" and case.version == 1
        bea = session.get(User, admin_b)
        assert bea is not None
        assert casework.case_in_agency(session, ann.agency_id, case.id) is not None
        assert casework.case_in_agency(session, bea.agency_id, case.id) is None
        with pytest.raises(CaseError, match="reference"):
            casework.open_case(session, ann, "   ", "en", NOW)


def test_a_change_from_an_old_version_is_refused_and_nothing_is_written(app: Flask) -> None:
    admin_a, counselor_id, admin_b = _people(app)
    with app.app_context():
        session = db()
        ann, cal = session.get(User, admin_a), session.get(User, counselor_id)
        assert ann is not None and cal is not None
        case = casework.open_case(session, ann, "A-002", "en", NOW)
        session.commit()
        seen = case.version
        casework.change_case(session, case, seen, ann, NOW, status="referred")
        session.commit()
        with pytest.raises(CaseError, match="changed_meanwhile"):
            casework.change_case(session, case, seen, cal, NOW, status="closed")
        session.rollback()
        session.refresh(case)
        assert case.status == "referred" and case.version == seen + 1
        with pytest.raises(CaseError, match="counselor"):  # not a colleague
            casework.change_case(session, case, case.version, ann, NOW, counselor_id=admin_b)


def test_two_notes_written_at_once_are_both_kept(app: Flask) -> None:
    admin_a, counselor_id, _b = _people(app)
    with app.app_context():
        session = db()
        ann, cal = session.get(User, admin_a), session.get(User, counselor_id)
        assert ann is not None and cal is not None
        case = casework.open_case(session, ann, "A-003", "en", NOW)
        session.commit()
        casework.add_note(session, case, ann, "Called the servicer.", NOW)
        casework.add_note(session, case, cal, "Client sent the 1099-C.", NOW)
        session.commit()
        notes = session.scalars(select(CaseNote).order_by(CaseNote.id)).all()
        assert [(n.author_id, n.body) for n in notes] == [
            (ann.id, "Called the servicer."),
            (cal.id, "Client sent the 1099-C."),
        ]


def test_an_import_copies_the_homeowners_answers_and_leaves_theirs_alone(app: Flask) -> None:
    admin_a, _c, _b = _people(app)
    with app.app_context():
        session = db()
        homeowner = Interview(
            answers=json.dumps({"state": "TX"}),
            language="es",
            created_at=NOW,
            updated_at=NOW,
            expires_at=NOW + dt.timedelta(days=30),
        )
        session.add(homeowner)
        session.commit()
        ann = session.get(User, admin_a)
        assert ann is not None
        case = casework.import_case(session, ann, homeowner, "A-004", NOW)
        session.commit()
        copy = session.get(Interview, case.interview_id)
        assert copy is not None and copy.id != homeowner.id
        assert json.loads(copy.answers) == {"state": "TX"} and copy.language == "es"
        copy.answers = json.dumps({"state": "CA"})
        session.commit()
        session.refresh(homeowner)
        assert json.loads(homeowner.answers) == {"state": "TX"}
        actions = [e.action for e in session.scalars(select(AuditEvent))]
        assert actions.count("imported") == 1


def test_closed_cases_are_purged_after_the_agencys_retention(app: Flask) -> None:
    admin_a, _c, _b = _people(app)
    with app.app_context():
        session = db()
        ann = session.get(User, admin_a)
        assert ann is not None
        kept = casework.open_case(session, ann, "A-005", "en", NOW)
        closed = casework.open_case(session, ann, "A-006", "en", NOW)
        casework.add_note(session, closed, ann, "A note with a name: Ana.", NOW)
        session.commit()
        casework.change_case(session, closed, closed.version, ann, NOW, status="closed")
        session.commit()
        closed_id, interview_id = closed.id, closed.interview_id
        # Three years less a day later: kept. Three years and a day: gone, with its answers.
        assert casework.purge_closed_cases(session, NOW + dt.timedelta(days=1094)) == 0
        assert casework.purge_closed_cases(session, NOW + dt.timedelta(days=1096)) == 1
        session.commit()
        assert session.get(ClientCase, closed_id) is None
        assert session.get(Interview, interview_id) is None
        assert session.scalar(select(func.count()).select_from(CaseNote)) == 0
        assert session.get(ClientCase, kept.id) is not None  # open cases stay
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert last is not None and (last.action, last.subject, last.subject_id) == (
            "purged",
            "case",
            closed_id,
        )
