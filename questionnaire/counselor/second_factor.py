"""The second factor: a TOTP app (RFC 6238, 30-second codes) and one-time recovery codes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import pyotp

ISSUER = "Shortfall"
RECOVERY_CODES = 10


def new_secret() -> str:
    """A fresh base32 TOTP secret (160 bits)."""
    return pyotp.random_base32(32)


def setup_uri(secret: str, email: str) -> str:
    """The otpauth:// address an authenticator app reads (typed in, or as a QR code)."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def accepted_step(secret: str, code: str, last_step: int, now: float | None = None) -> int | None:
    """The time step of a valid code (one step of clock drift either way), or None.

    A code from a step at or before `last_step` is refused, so a code works only once."""
    code = "".join(code.split())
    if len(code) != 6 or not code.isdigit():
        return None
    moment = time.time() if now is None else now
    totp = pyotp.TOTP(secret)
    current = int(moment // totp.interval)
    for step in (current - 1, current, current + 1):
        if step > last_step and hmac.compare_digest(totp.at(step * totp.interval), code):
            return step
    return None


def new_recovery_codes() -> list[str]:
    """Ten one-time codes, shown once, like "7kq2-m9xd-4hpt"."""
    alphabet = "23456789abcdefghjkmnpqrstuvwxyz"
    return [
        "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))
        for _ in range(RECOVERY_CODES)
    ]


def recovery_hash(code: str) -> str:
    """What is kept of a recovery code (the codes are random, so a plain hash is enough)."""
    normal = "".join(code.lower().split()).replace("-", "")
    return hashlib.sha256(normal.encode("ascii", "ignore")).hexdigest()
