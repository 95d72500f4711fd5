"""Database URLs as people see them: never with a password in them."""

from __future__ import annotations

import re

# scheme://user:password@host — the password is whatever lies between the first ':' after
# the user and the last '@' before the host.
_PASSWORD = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^:/@\s]*:)(?P<password>[^\s/]*)(?=@)", re.I)
_QUERY_PASSWORD = re.compile(r"(?P<head>[?&]password=)(?P<password>[^&\s\"']*)", re.I)
MASK = "***"


def mask_password(text: str) -> str:
    """``text`` with the password of every URL in it replaced by ``***``."""
    masked = _PASSWORD.sub(lambda match: match["head"] + MASK, text)
    return _QUERY_PASSWORD.sub(lambda match: match["head"] + MASK, masked)
