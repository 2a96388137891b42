"""Today's date for the app: the real date, unless a test or an evaluation pins TODAY."""

from __future__ import annotations

import datetime as dt

from flask import current_app


def today() -> dt.date:
    """Today's date (the TODAY setting wins when it is a date)."""
    pinned = current_app.config.get("TODAY")
    return pinned if isinstance(pinned, dt.date) else dt.date.today()
