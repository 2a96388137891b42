"""Counselor mode: agencies, their people, client cases, notes, export and the audit trail."""
