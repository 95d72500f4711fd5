"""The HTML review: safe with the user's text, self-contained, the same figures as Markdown, and
charts that a real browser draws without reaching the network."""

from __future__ import annotations

import os
import re
import signal
import socket
import socketserver
import struct
import subprocess
import threading
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlmodel import Session

from tracker.charts import colour_of
from tracker.core.periods import week_holding
from tracker.formats import html, markdown
from tracker.services.board import add_video, move_video
from tracker.services.context import Context
from tracker.services.reports import Report, build_report, everything
from tracker.services.timelog import log_entry

HOSTILE = '<script>alert("x")</script> & <b>bold</b>'
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_SECONDS = 60
# Hosts Chromium calls on its own (component updater, sign-in, network time) whatever the
# flags: set aside by exact name, so that the page itself can never hide behind them.
BROWSER_OWN = {
    "update.googleapis.com",
    "accounts.google.com",
    "clients2.google.com",
    "redirector.gvt1.com",
}


class Page(HTMLParser):
    """What a reader and a browser would find in the page: its tags and attributes, the text of
    its headings, list items, table cells and empty-table sentences, section by section."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.sections: dict[str, list[list[str]] | str] = {}
        self.items: list[str] = []
        self.note = ""
        self._title = ""
        self._open: list[str] = []
        self._text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("h2", "li", "th", "td", "em") or "nothing" in classes:
            self._open.append("nothing" if "nothing" in classes else tag)
            self._text = []
        if tag == "tr":
            rows = self.sections.setdefault(self._title, [])
            assert isinstance(rows, list)
            rows.append([])

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1] != {"p": "nothing"}.get(tag, tag):
            return
        kind, text = self._open.pop(), " ".join("".join(self._text).split())
        if kind == "h2":
            self._title = text
        elif kind == "li":
            self.items.append(text)
        elif kind == "em":
            self.note = text
        elif kind == "nothing" and self._title:
            self.sections[self._title] = text
        elif kind in ("th", "td"):
            rows = self.sections[self._title]
            assert isinstance(rows, list)
            rows[-1].append(text)


def markdown_sections(text: str) -> tuple[list[str], dict[str, list[list[str]] | str], str]:
    """The Markdown's overview lines, its tables (or their empty sentences) and its note, with
    its markup and escapes taken off."""
    plain = re.compile(r"\\(.)")
    lines = text.splitlines()
    items = [plain.sub(r"\1", line[2:].replace("**", "")) for line in lines if line[:2] == "- "]
    sections: dict[str, list[list[str]] | str] = {}
    title = ""
    for line in lines:
        if line.startswith("## "):
            title = line[3:]
        elif title and line.startswith("|") and not line.startswith("| ---"):
            rows = sections.setdefault(title, [])
            assert isinstance(rows, list)
            cells = re.split(r"(?<!\\)\|", line.strip()[1:-1])
            rows.append([plain.sub(r"\1", cell.strip()) for cell in cells])
        elif title and line and not line.startswith(("|", "---", "_")) and title not in sections:
            sections[title] = line
    note = plain.sub(r"\1", lines[-1].strip("_"))
    return items, sections, note


def _at(ctx: Context, day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in November 2026, in the member's zone."""
    return datetime(2026, 11, day, hour, minute, tzinfo=ctx.zone)


@pytest.fixture
def report(database, ctx: Context) -> Report:
    """A week with work on two days, a video published, one due next week, and work in the
    weeks before; the titles and the help line are hostile HTML."""
    ctx = replace(ctx, settings=replace(ctx.settings, help_line=HOSTILE))

    def fill(session: Session) -> None:
        add_video(session, ctx, f"Case 1 {HOSTILE}", stage="record")
        add_video(session, ctx, "Case 2 | pipes *and* _marks_", due_on=ctx.today() + timedelta(7))
        log_entry(session, ctx, "1", _at(ctx, 24, 9), _at(ctx, 24, 11, 30), activity="record")
        log_entry(session, ctx, None, _at(ctx, 25, 7), _at(ctx, 25, 8, 15), activity="admin")
        log_entry(session, ctx, "2", _at(ctx, 17, 20), _at(ctx, 17, 22), activity="record")
        log_entry(session, ctx, None, _at(ctx, 9, 19), _at(ctx, 9, 20, 30), activity="admin")
        move_video(session, ctx, "1", "published")

    database.run_write(fill)
    with database.read() as session:
        return build_report(session, ctx, week_holding(ctx.today(), 0))


def test_the_users_text_is_shown_as_typed_never_run(report: Report) -> None:
    page = html.write(report)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert Page(page).note.endswith(HOSTILE)  # the help line, after the self-monitoring note


def test_the_page_fetches_nothing(report: Report) -> None:
    page = html.write(report)
    fetching = {"src", "href", "xlink:href", "srcset", "action", "poster", "data", "background"}
    assert [(tag, attrs) for tag, attrs in Page(page).tags if fetching & attrs.keys()] == []
    assert "url(" not in page and "@import" not in page
    without_namespaces = re.sub(r'\sxmlns(:\w+)?="[^"]*"', "", page)
    assert "http://" not in without_namespaces and "https://" not in without_namespaces


def test_the_tables_and_overview_say_what_the_markdown_says(report: Report) -> None:
    page = Page(html.write(report))
    items, sections, note = markdown_sections(markdown.write(report))
    assert page.items == items
    assert page.sections == sections
    assert page.note == note
    assert [row[1] for row in page.sections["Hours by activity"][1:]] == ["2.5", "1.3"]


def test_each_chart_is_drawn_and_named(report: Report) -> None:
    page = Page(html.write(report))
    charts = [attrs for tag, attrs in page.tags if tag == "svg"]
    assert [chart["aria-label"] for chart in charts] == [
        "Hours per period by activity, with the videos published in each",
        "Hours per day",
        "Hours by activity",
    ]
    assert all(chart["role"] == "img" for chart in charts)
    assert len(_bars(page.tags)) == _bars_expected(report)


def test_an_empty_period_draws_no_chart(database, ctx: Context) -> None:
    with database.read() as session:
        report = build_report(session, ctx, week_holding(ctx.today() - timedelta(days=400), 0))
    page = html.write(report)
    assert "<svg" not in page
    assert page.count("Nothing to chart") == 3


def test_everything_on_record_has_nothing_to_compare_with(report: Report, database, ctx) -> None:
    with database.read() as session:
        whole = build_report(session, ctx, everything(session, ctx, (ctx.member_id,)))
    page = Page(html.write(whole))
    assert "Nothing to compare: no periods before this one." in html.write(whole)
    assert [attrs["aria-label"] for tag, attrs in page.tags if tag == "svg"] == [
        "Hours per day",
        "Hours by activity",
    ]


def test_the_same_report_writes_the_same_page(report: Report) -> None:
    assert html.write(report) == html.write(report)


def _bars(tags: list[tuple[str, dict[str, str | None]]]) -> list[dict[str, str | None]]:
    """The bars pygal drew: the series' rects that have an area (a stack's missing part is a
    rect of no height)."""
    return [
        attrs
        for tag, attrs in tags
        if tag == "rect"
        and "rect" in (attrs.get("class") or "").split()
        and float(attrs.get("width") or 0) > 0
        and float(attrs.get("height") or 0) > 0
    ]


def _bars_expected(report: Report) -> int:
    """A bar per activity of each period, per day with hours, and per activity."""
    periods = [report.summary, *report.earlier]
    stacked = sum(1 for line in periods for hours in line.hours_by_activity.values() if hours)
    days = sum(1 for day in report.hours_by_day if day.hours)
    return stacked + days + len(report.hours_by_activity)


# ---- in a real browser ---------------------------------------------------------------------


def _chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium package")
    pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)")


@contextmanager
def _watched() -> Iterator[tuple[int, list[str]]]:
    """A proxy on the loopback that answers nothing: every request Chromium makes to any host
    arrives here, and its host is recorded. Nothing leaves the machine."""
    hosts: list[str] = []

    def record(connection: socket.socket) -> None:
        connection.settimeout(5)
        line = connection.makefile("rb").readline(4096).decode("latin-1").split()
        if len(line) >= 2:
            target = line[1]
            hosts.append(
                target.rsplit(":", 1)[0]
                if line[0] == "CONNECT"
                else urlsplit(target).hostname or target
            )

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            record(self.request)

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server.server_address[1], hosts
    finally:
        server.shutdown()
        thread.join()
        server.socket.setblocking(False)
        while True:  # a connection made as the browser closed, not yet taken
            try:
                connection, _ = server.socket.accept()
            except BlockingIOError:
                break
            connection.setblocking(True)
            with connection:
                record(connection)
        server.server_close()


def _browse(page: Path, profile: Path, port: int, *action: str) -> str:
    """Open ``page`` in headless Chromium with every request sent to the proxy on ``port`` and
    no name resolved; returns what it printed. Waits on the process, never longer than
    ``CHROMIUM_SECONDS``."""
    command = [
        str(_chromium()),
        "--headless=new",
        "--no-sandbox",  # as root, in a container
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-extensions",
        "--disable-sync",
        "--force-color-profile=srgb",
        f"--user-data-dir={profile}",
        f"--proxy-server=http://127.0.0.1:{port}",
        "--proxy-bypass-list=<-loopback>",  # even the loopback goes through the proxy
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        *action,
        page.as_uri(),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        out, _ = process.communicate(timeout=CHROMIUM_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"chromium did not finish within {CHROMIUM_SECONDS} s")
    assert process.returncode == 0, f"chromium exited with {process.returncode}"
    return out


def _colours(png: Path) -> Counter[tuple[int, int, int]]:
    """How many pixels of each colour an 8-bit, non-interlaced RGB(A) PNG has (Chromium's)."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, packed, header = 8, b"", (0, 0, 0, 0, 0, 0, 0)
    while position < len(data):
        size, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + size]
        position += 12 + size
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            packed += body
    width, height, depth, colour_type, _, _, interlaced = header
    assert depth == 8 and colour_type in (2, 6) and not interlaced, header
    step = 3 if colour_type == 2 else 4
    stride = width * step
    raw = zlib.decompress(packed)
    counts: Counter[tuple[int, int, int]] = Counter()
    above = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), above, step)
        counts.update(zip(line[0::step], line[1::step], line[2::step], strict=True))
        above = line
    return counts


def _unfilter(kind: int, line: bytearray, above: bytearray, step: int) -> bytearray:
    """Undo one row's PNG filter (none, sub, up, average, Paeth)."""
    if kind == 2:
        return bytearray((a + b) & 255 for a, b in zip(line, above, strict=True))
    for i in range(len(line)):
        left = line[i - step] if i >= step else 0
        if kind == 1:
            line[i] = (line[i] + left) & 255
        elif kind == 3:
            line[i] = (line[i] + (left + above[i]) // 2) & 255
        elif kind == 4:
            corner = above[i - step] if i >= step else 0
            guess = left + above[i] - corner
            near_left, near_up = abs(guess - left), abs(guess - above[i])
            near_corner = abs(guess - corner)
            best = (
                left
                if near_left <= near_up and near_left <= near_corner
                else above[i]
                if near_up <= near_corner
                else corner
            )
            line[i] = (line[i] + best) & 255
    return line


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the browser, not the database
def test_chromium_draws_the_charts_and_asks_the_network_for_nothing(
    report: Report, tmp_path: Path
) -> None:
    page = tmp_path / "review.html"
    page.write_text(html.write(report), encoding="utf-8")
    shot = tmp_path / "review.png"
    with _watched() as (port, hosts):
        dom = _browse(page, tmp_path / "profile-dom", port, "--dump-dom")
        _browse(
            page,
            tmp_path / "profile-shot",
            port,
            "--window-size=900,1500",
            "--force-device-scale-factor=0.5",
            f"--screenshot={shot}",
        )
    assert [host for host in hosts if host not in BROWSER_OWN] == []
    # The browser parsed every chart and its bars...
    tags = Page(dom).tags
    assert sum(1 for tag, attrs in tags if tag == "svg" and attrs.get("role") == "img") == 3
    assert len(_bars(tags)) == _bars_expected(report)
    # ...and painted them: the activities' colours (periods, activities) and the weekdays'
    # (days: Tuesday and Wednesday had work), each a block of pixels, not a stray dot.
    painted = _colours(shot)
    for name in ("record", "admin", "Tue", "Wed"):
        assert painted[colour_of(name)] > 200, f"no {name} bar in the screenshot"


def test_the_watch_sees_a_page_that_fetches(tmp_path: Path) -> None:
    """The proxy is where a reference out of the page would go: proven with one that has one."""
    page = tmp_path / "fetching.html"
    page.write_text('<!doctype html><img src="http://review-probe.invalid/pixel.png">')
    with _watched() as (port, hosts):
        _browse(page, tmp_path / "profile", port, "--dump-dom")
    assert "review-probe.invalid" in hosts
