"""The one family of errors a user can cause.

Every message is written for the person at the keyboard: what was wrong and how to say it right.
The CLI prints it on one line and exits non-zero; the TUI shows it in a notification or a form.
"""

from tracker.core.text import terminal_safe
from tracker.core.urls import mask_password


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters escaped, so it stays one line,
    and any password in a URL masked: a message may quote what was typed."""
    return terminal_safe(mask_password(text))


class TrackerError(Exception):
    """A problem the user can fix; ``str(error)`` is the message to show them, on one line."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


class InputError(TrackerError):
    """A value typed by the user could not be understood (a duration, a date, a stage...)."""

    exit_code = 2


class ChecklistOpenError(InputError):
    """A move into scheduled or published with the pre-publish checklist open: the screens
    offer to go anyway with a written reason."""

    def __init__(self, message: str, number: int, stage: str) -> None:
        super().__init__(message)
        self.number = number
        self.stage = stage


class UnlikelyDateError(InputError):
    """A readable date that is most likely a typo: before 2000, or over a year ahead.

    It is an ``InputError`` so a caller that does not care treats it as any bad input; the CLI
    lets it through with ``--anyway``, and the TUI catches this class and asks instead, using
    ``what`` (e.g. ``2152-03-01 is over a year ahead``) as its question.
    """

    def __init__(self, what: str) -> None:
        super().__init__(f"{what}; surely a typo? If you mean it, add --anyway.")
        self.what = what


class NotFoundError(TrackerError):
    """A reference names nothing that exists."""


class AmbiguousError(TrackerError):
    """A reference names more than one thing; the message lists the candidates."""


class ConflictError(TrackerError):
    """The change clashes with what is stored (overlapping entries, an edit made elsewhere)."""


class ConfigError(TrackerError):
    """The configuration file is malformed or holds an unknown key or a wrong type."""


class StorageError(TrackerError):
    """The database cannot be used as it is (locked, corrupt, too new, in a synced folder)."""


class PlannedBreakError(ConflictError):
    """Work logged inside a planned break: allowed, but only when the person says so."""
