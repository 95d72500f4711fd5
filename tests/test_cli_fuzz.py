"""Every command, every option, fed hostile text: a one-line refusal or a result, never a crash.

The command tree is read from the CLI itself, so a new command or option is fuzzed without
touching this file.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import click
import pytest
import typer

from tests.conftest import Clock
from tracker import cli

HOSTILE = (
    "",
    " ",
    "\x00",
    "\udcff\udcfe",  # bytes that are not UTF-8, as Python hands them over
    "9" * 5000,
    "-1",
    "1e309",
    "nan",
    "[/]",
    "[bold]x[/bold]",
    "\x1b]0;owned\x07",
    "\x1b[2J",
    "'; DROP TABLE video; --",
    "../../etc/passwd",
    "postgresql://ana:secret@host:abc/db",
    "2026-13-45",
    "24:61",
    "1,5,5h",
    "1..5h",
    ".5",
    "1.",
    "5a p",
    "12:00 pm pm",
    "9999-12-31",
    "0001-01-01",
    "3/4",
    "line\nbreak",
    "a" * 10000,
    "#",
    "#99999999999999999999",
    "💥",
    "١٢",
    "²",
    "none",
    "-",
)
# A value that each kind of argument accepts, so the others can be fuzzed one at a time.
PLAUSIBLE = {"VIDEO": "1", "ENTRY": "1", "STAGE": "edit", "TITLE": "A title", "NAME": "flow"}
SKIPPED = {("demo",)}  # without --keep it opens the screens; fuzzed with --keep below
STRINGS_PER_PARAMETER = 3


def commands(
    group: click.Group, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield (*path, name), command
            yield from commands(command, (*path, name))
        else:
            yield (*path, name), command


TREE = list(commands(typer.main.get_command(cli.app)))  # type: ignore[arg-type]


def cases() -> Iterator[tuple[list[str], str]]:
    """For each parameter of each command, a few hostile values, the others left plausible."""
    hostile = itertools.cycle(HOSTILE)
    for path, command in TREE:
        prefix = [*path, "--keep"] if path in SKIPPED else list(path)
        arguments = [p for p in command.params if isinstance(p, click.Argument) and p.required]
        for param in command.params:
            for _ in range(STRINGS_PER_PARAMETER):
                text = next(hostile)
                args = [
                    text if p is param else PLAUSIBLE.get(p.metavar or "", "1") for p in arguments
                ]
                if isinstance(param, click.Option):
                    args += [param.opts[0], text]
                elif param not in arguments:
                    args.append(text)
                yield [*prefix, *args], f"{' '.join(path)} {param.name}"
        if not isinstance(command, click.Group):
            plausible = [PLAUSIBLE.get(p.metavar or "", "1") for p in arguments]
            yield ["--db", next(hostile), *prefix, *plausible], f"{' '.join(path)} --db"


CASES = list(cases())


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    config = tmp_path / "config.toml"
    config.write_text('member = "ana"\ntimezone = "Europe/Berlin"\n')
    monkeypatch.setenv("TRACKER_CONFIG", str(config))
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "tracker.db"))
    monkeypatch.chdir(tmp_path)  # a hostile --db names a file relative to here
    monkeypatch.setattr(cli.state, "clock", Clock())
    monkeypatch.setattr("builtins.input", lambda _prompt="": (_ for _ in ()).throw(EOFError))

    def invoke(args: list[str]) -> tuple[int, str, str]:
        code = cli.main(args)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    assert invoke(["add", "Unknown case 12", "--stage", "review"])[0] == 0
    reason = "a published video for the commands that need one"
    assert invoke(["move", "1", "published", "--override", reason])[0] == 0
    assert invoke(["log", "1", "1h", "--at", "8:00"])[0] == 0
    return invoke


def test_the_fuzz_reaches_every_command():
    fuzzed = {case.split(" ")[0] for _args, case in CASES}
    assert {"add", "log", "entries", "chart", "config", "db", "break", "checkin"} <= fuzzed
    assert len(CASES) >= 200


def test_no_hostile_input_crashes_any_command(run, tmp_path):
    crashes = []
    for args, case in CASES:
        if args[:2] == ["demo", "--keep"]:
            args = [*args[:2], str(tmp_path / "demo" / f"{len(crashes)}.db")]
        code, out, err = run(args)
        if code == cli.CRASH_EXIT_CODE or "Traceback" in out + err:
            crashes.append((case, args, err.strip()[:200]))
        elif code != 0:
            assert err.count("\n") == 1 and err.startswith("error: "), (case, args, err)
            assert "\x1b" not in err and "secret" not in err, (case, args, err)
    assert crashes == []
