"""`tracker` and `tracker demo`: they draw only on a terminal, and the demo's throwaway
database is gone however the demo ends (a quit, an error, Ctrl+C, SIGTERM, SIGHUP)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

import pytest

from tracker import cli
from tracker.core.errors import ConflictError

NO_TERMINAL = (
    "error: tracker needs a terminal to draw the board; use a command such as tracker status, "
    "or tracker demo --keep PATH\n"
)
READY_SECONDS = 90.0  # a loaded machine takes seconds to import Textual and fill the sample
EXIT_SECONDS = 30.0


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """An environment whose config, database, state and temporary folders are all in tmp_path."""
    (tmp_path / "tmp").mkdir()
    return {
        **os.environ,
        "TRACKER_CONFIG": str(tmp_path / "config.toml"),
        "TRACKER_DB": str(tmp_path / "mine.db"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "TMPDIR": str(tmp_path / "tmp"),
        "TERM": "xterm-256color",
    }


def leftovers(tmp_path: Path) -> list[str]:
    return sorted(path.name for path in (tmp_path / "tmp").iterdir())


# --- No terminal, no board ---------------------------------------------------------------------


@pytest.mark.parametrize("args", [[], ["demo"]], ids=["tracker", "tracker demo"])
def test_without_a_terminal_the_board_is_refused_in_one_line(tmp_path, env, args):
    done = subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert (done.returncode, done.stdout, done.stderr) == (2, "", NO_TERMINAL)
    assert not (tmp_path / "mine.db").exists(), "nothing was opened or created"
    assert leftovers(tmp_path) == []


def test_the_board_is_refused_when_the_keyboard_is_a_terminal_but_the_output_is_not(env):
    master, slave = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tracker"],
            stdin=slave,
            capture_output=True,
            env=env,
            timeout=120,
        )
    finally:
        os.close(slave)
        os.close(master)
    assert (done.returncode, done.stdout, done.stderr.decode()) == (2, b"", NO_TERMINAL)


def test_a_demo_kept_in_a_file_needs_no_terminal(tmp_path, env):
    sample = tmp_path / "sample.db"
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "demo", "--keep", str(sample)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert sample.exists() and "Saved a sample board" in done.stdout


# --- The demo in a real terminal (a pty) -------------------------------------------------------


class Terminal:
    """`tracker demo` running on a pseudo-terminal of 80x24, its screen output collected."""

    def __init__(self, env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tracker", "demo"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def read_until(self, text: bytes, seconds: float) -> bool:
        """Collect output until ``text`` appears (True) or the demo ends or time runs out."""
        deadline = time.monotonic() + seconds
        while text not in self.output:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._read(remaining):
                return False
        return True

    def wait(self) -> int:
        """Drain the output (a full pty would block the demo) until it exits; its exit code."""
        deadline = time.monotonic() + EXIT_SECONDS
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(deadline - time.monotonic())
        return self.process.wait(timeout=1)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)

    def _read(self, seconds: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], min(seconds, 1.0))
        if not ready:
            return self.process.poll() is None
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the demo closed the terminal: it has ended
            return False
        self.output += chunk
        return bool(chunk)


@pytest.fixture
def terminal(env):
    opened: list[Terminal] = []

    def opening() -> Terminal:
        opened.append(Terminal(env))
        return opened[-1]

    yield opening
    for each in opened:
        each.close()


def test_the_demo_says_demo_in_its_title_and_quitting_removes_its_database(tmp_path, terminal):
    demo = terminal()
    assert demo.read_until(b"DEMO (sample data, not yours)", READY_SECONDS), demo.output[-2000:]
    assert len(leftovers(tmp_path)) == 1, "the throwaway database, while the demo runs"
    os.write(demo.master, b"q")
    assert demo.wait() == 0
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_ends_the_demo_cleanly_and_removes_its_database(tmp_path, terminal, number):
    demo = terminal()
    assert demo.read_until(b"DEMO (sample data, not yours)", READY_SECONDS), demo.output[-2000:]
    assert len(leftovers(tmp_path)) == 1
    demo.process.send_signal(number)
    assert demo.wait() == 128 + number
    assert leftovers(tmp_path) == []
    assert b"\x1b[?1049l" in demo.output, "the terminal was given back (alternate screen left)"


# --- The demo ending by an error or Ctrl+C, in-process -----------------------------------------


@pytest.fixture
def demo_run(tmp_path, env, monkeypatch, capsys):
    """Run `tracker demo` in-process, as if on a terminal, with the app replaced by ``app``."""
    for name in ("TRACKER_CONFIG", "TRACKER_DB", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, env[name])
    monkeypatch.setattr(tempfile, "tempdir", env["TMPDIR"])
    monkeypatch.setattr("tracker.cli.screens.require_terminal", lambda: None)
    seen: list[Path] = []

    def run(app) -> tuple[int, str]:
        def fake_run_app(database, context, *, demo=False):
            assert demo
            seen.append(Path(cli.state.db_flag))
            assert seen[-1].exists()
            return app()

        monkeypatch.setattr("tracker.tui.app.run_app", fake_run_app)
        code = cli.main(["demo"])
        return code, capsys.readouterr().err

    run.seen = seen  # type: ignore[attr-defined]
    return run


def test_an_error_in_the_demo_still_removes_its_database(tmp_path, demo_run):
    def failing() -> int:
        raise RuntimeError("a bug")

    code, err = demo_run(failing)
    assert code == cli.CRASH_EXIT_CODE and "unexpected problem" in err
    assert not demo_run.seen[0].exists()
    assert leftovers(tmp_path) == []


def test_a_refusal_in_the_demo_still_removes_its_database(tmp_path, demo_run):
    def refusing() -> int:
        raise ConflictError("Changed elsewhere.")

    assert demo_run(refusing) == (1, "error: Changed elsewhere.\n")
    assert leftovers(tmp_path) == []


def test_ctrl_c_before_the_board_is_drawn_still_removes_the_database(tmp_path, demo_run):
    def interrupted() -> int:
        raise KeyboardInterrupt

    code, _ = demo_run(interrupted)
    assert code == cli.INTERRUPTED_EXIT_CODE
    assert leftovers(tmp_path) == []


def test_a_demo_ended_by_a_signal_exits_with_its_number(tmp_path, demo_run):
    """run_app returns 128 + N after signal N; the demo passes it on."""
    assert demo_run(lambda: 128 + signal.SIGTERM)[0] == 128 + signal.SIGTERM
    assert leftovers(tmp_path) == []


def test_a_keymap_naming_no_binding_stops_tracker_before_anything_is_drawn(
    tmp_path, env, monkeypatch, capsys
):
    config = Path(env["TRACKER_CONFIG"])
    config.write_text('member = "ana"\n[keymap]\nnwe = "x"\n', encoding="utf-8")
    for name in ("TRACKER_CONFIG", "TRACKER_DB", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, env[name])
    monkeypatch.setattr("tracker.cli.screens.require_terminal", lambda: None)
    assert cli.main([]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(
        f'error: {config}, line 3: keymap.nwe: unknown binding id "nwe"; the ids are '
    )
    assert captured.err.count("\n") == 1
