"""The report's dated steps as an iCalendar file (RFC 5545), one all-day event each."""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Calendar, Event


def calendar_file(
    steps: list[tuple[dt.date, str]], state: str, made: dt.date, language: str = "en"
) -> bytes:
    """An .ics file with one all-day event per dated step; nothing personal in it."""
    calendar = Calendar()
    calendar.add("prodid", "-//Shortfall//Report dates//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    for day, text in steps:
        event = Event()
        digest = hashlib.sha256(f"{state}|{day.isoformat()}|{text}".encode()).hexdigest()[:24]
        event.add("uid", f"{digest}@shortfall.invalid")
        event.add("dtstamp", dt.datetime.combine(made, dt.time(), tzinfo=dt.UTC))
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        summary = text if len(text) <= 70 else text[:67].rstrip() + "…"
        event.add("summary", summary, parameters={"LANGUAGE": language})
        event.add("description", text, parameters={"LANGUAGE": language})
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
