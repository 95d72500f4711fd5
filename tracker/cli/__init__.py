"""The command line: parse, call a service, print. ``tracker`` alone opens the board.

One module per group of commands, one module (``render``) for everything printed. Start-up
time matters, so services, rich and the TUI are imported inside the commands that need them;
``tracker status`` never loads Textual.
"""

from __future__ import annotations

import importlib
import signal
import sys

import typer

from tracker.cli.base import Interrupted, app, raise_interrupted, state
from tracker.core.errors import InputError, TrackerError

__all__ = ["COMMAND_MODULES", "app", "main", "state"]
# Registered in this order, the order of `tracker --help`.
COMMAND_MODULES = (
    "board",
    "lint",
    "series",
    "posts",
    "checklist",
    "timelog",
    "wellbeing",
    "insights",
    "reports",
    "transfer",
    "imports",
    "exports",
    "screens",
    "admin",
)
for _module in COMMAND_MODULES:
    importlib.import_module(f"tracker.cli.{_module}")
CRASH_EXIT_CODE = 70
INTERRUPTED_EXIT_CODE = 130


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; user errors become one line on stderr and a non-zero exit, never a traceback."""
    args = sys.argv[1:] if argv is None else argv
    command = typer.main.get_command(app)
    previous = signal.signal(signal.SIGINT, raise_interrupted)
    try:
        _refuse_undecodable(args)
        result = command.main(args=args, prog_name="tracker", standalone_mode=False)
    except TrackerError as error:
        typer.echo(f"error: {error}", err=True)
        return error.exit_code
    except typer.TyperException as error:  # usage errors: a missing argument, a bad option
        context = getattr(error, "ctx", None)
        where = context.command_path if context else "tracker"
        message = _spoken(error.format_message().strip().rstrip("."))
        typer.echo(f"error: {_printable(message)}; see `{where} --help`.", err=True)
        return getattr(error, "exit_code", 2)
    except BrokenPipeError:  # `tracker ... | head`: the reader has all it wanted
        return 1
    except OSError as error:  # the output could not be written: a full disk, a closed terminal
        typer.echo(f"error: Could not write the output: {error.strerror}.", err=True)
        return 1
    except (Interrupted, typer.Abort, KeyboardInterrupt):
        if state.saved_anything():
            typer.echo("Interrupted after the change was saved.", err=True)
        else:
            typer.echo("Interrupted; nothing was changed.", err=True)
        return INTERRUPTED_EXIT_CODE
    except Exception:  # a bug, not the user's fault: keep the details, show one line
        from tracker.session import save_crash_report

        path = save_crash_report()
        typer.echo(f"error: tracker hit an unexpected problem; details are in {path}", err=True)
        return CRASH_EXIT_CODE
    finally:
        signal.signal(signal.SIGINT, previous)
        state.close()
    return result if isinstance(result, int) else 0


def _refuse_undecodable(args: list[str]) -> None:
    """Refuse bytes that are not UTF-8 (Python keeps them as lone surrogates) before any
    command sees them: they cannot be stored, printed or matched."""
    for position, arg in enumerate(args, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(
                f"Argument {position} is not valid UTF-8 text; type it again in a UTF-8 terminal."
            ) from None


# What typer's type checks say, in the words of the rest of tracker's messages.
_TYPE_MESSAGES = {
    "Input should be a valid integer, unable to parse string as an integer": (
        "give a whole number, such as 8"
    ),
    "Input should be a valid number, unable to parse string as a number": (
        "give a number, such as 1.5"
    ),
}


def _spoken(message: str) -> str:
    for said, meant in _TYPE_MESSAGES.items():
        message = message.replace(said, meant)
    return message


def _printable(text: str) -> str:
    from tracker.core.errors import one_line

    return one_line(text)
