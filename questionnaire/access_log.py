"""Gunicorn's access log with control characters escaped, so a path cannot forge log lines.

A request for `/x%0d%0aFAKE` reaches the log decoded as `/x\r\nFAKE`; this logger writes
`/x\x0d\x0aFAKE`. Used by `scripts/run` (`--logger-class questionnaire.access_log.SafeLogger`).
The log carries no personal data: no query strings, cookies or form fields.
"""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def escape_control(value: str) -> str:
    """Every control character as a visible \\xNN escape."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", value)


class SafeLogger(Logger):
    """Escapes control characters in every text of an access-log line."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> Any:
        """The standard atoms, each text escaped (header lookups keep working)."""
        atoms = super().atoms(resp, req, environ, request_time)
        for key in list(atoms.keys()):
            value = atoms[key]
            if isinstance(value, str):
                atoms[key] = escape_control(value)
        return atoms
