"""Passwords: at least 12 characters, not easy to guess (zxcvbn), kept only as argon2id hashes."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MAX_LENGTH = 256  # argon2 takes any length; this only bounds the work one request can ask for
MIN_SCORE = 3  # zxcvbn: 3 is "safely unguessable", about 10^8 guesses or more

_HASHER = PasswordHasher()  # argon2id, with the library's current recommended costs

TOO_SHORT = "too_short"
TOO_LONG = "too_long"
EASY_TO_GUESS = "easy_to_guess"


def password_problem(password: str, personal: list[str]) -> str | None:
    """Why this password cannot be used (a code), or None when it can.

    `personal` holds words a guesser would try first: the person's name, email, agency."""
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_LENGTH:
        return TOO_LONG
    from zxcvbn import zxcvbn

    words: set[str] = set()
    for text in personal:
        text = text.lower().strip()
        words.add(text)
        words.update(text.split("@"))
        words.update(part for part in re.split(r"[^a-z0-9]+", text) if part)
    words.discard("")
    if zxcvbn(password[:100], user_inputs=sorted(words))["score"] < MIN_SCORE:
        return EASY_TO_GUESS
    return None


def hash_password(password: str) -> str:
    """The argon2id hash to store."""
    return _HASHER.hash(password)


def password_matches(stored: str, password: str) -> bool:
    """Whether the password matches the stored hash (in constant time)."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_new_hash(stored: str) -> bool:
    """Whether the hash was made with older costs and should be replaced at the next sign-in."""
    return _HASHER.check_needs_rehash(stored)


def dummy_check() -> None:
    """Spend the time a real check takes, for sign-ins with an unknown email: the answer time
    must not tell whether an account exists."""
    password_matches(_DUMMY, "not the password")


_DUMMY = _HASHER.hash("a password nobody has")
