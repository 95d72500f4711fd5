"""The ``tracker`` command. Ctrl+C while Python loads the app ends it with one line, not a
traceback: nothing has been read or written yet. The CLI then handles Ctrl+C itself."""

from __future__ import annotations

import signal
import sys
from types import FrameType

INTERRUPTED_EXIT_CODE = 130


def main() -> int:
    signal.signal(signal.SIGINT, _interrupted_while_loading)
    from tracker.cli import main as run

    return run()


def _interrupted_while_loading(_signal: int, _frame: FrameType | None) -> None:
    sys.stderr.write("Interrupted; nothing was changed.\n")
    raise SystemExit(INTERRUPTED_EXIT_CODE)
