"""Rotating self check-in codes, derived like TOTP (RFC 6238) but per session.

Pure functions, no ORM: code = 6 digits dynamically truncated from
HMAC-SHA256(key, "<session id>:<time window>"), where the key is derived from
SECRET_KEY with a purpose-specific salt so it is useless for anything else.
"""

import hashlib
import hmac

from django.conf import settings
from django.utils.crypto import constant_time_compare

DIGITS = 6
_SALT = b"cohorts.checkin-code.v1"


def _key() -> bytes:
    return hashlib.sha256(_SALT + settings.SECRET_KEY.encode()).digest()


def step() -> int:
    """Seconds each code is shown for."""
    return settings.ATTENDANCE_CODE_STEP


def window_at(moment) -> int:
    """The time window a moment (aware datetime) falls in."""
    return int(moment.timestamp()) // step()


def seconds_left(moment) -> int:
    """Seconds until the code shown at `moment` changes."""
    return step() - int(moment.timestamp()) % step()


def code_for(session_id: int, window: int) -> str:
    """The 6-digit code of a session in a time window."""
    digest = hmac.new(
        _key(), f"{session_id}:{window}".encode(), hashlib.sha256
    ).digest()
    offset = digest[-1] & 0x0F
    number = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(number % 10**DIGITS).zfill(DIGITS)


def code_matches(session_id: int, code: str, window: int) -> bool:
    """Constant-time comparison of a typed code with the code of one window."""
    return constant_time_compare(code, code_for(session_id, window))
