"""The weekly review: the report of a week as it would be exported, a week at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from tracker.core.errors import InputError
from tracker.core.periods import Period, last_complete_week, week_holding
from tracker.formats import format_of, writer
from tracker.formats.markdown import title
from tracker.services.reports import Report, build_report
from tracker.tui.plain import plain
from tracker.tui.screens.base import DataScreen
from tracker.tui.screens.form import Field, FormScreen
from tracker.tui.workspace import Workspace


class ReviewScreen(DataScreen):
    """Switch to it with 4; ←/→ step a week back and forth, x writes the review to a file."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    HELP = (
        "The weekly review, as `tracker report` writes it: hours, output, cycle times, signals "
        "and check-ins beside the four weeks before. ←/→ (h/l) step a week back and forth, . "
        "comes back to the last complete week, x writes it to a Markdown, HTML, CSV or JSON "
        "file."
    )
    BINDINGS = [
        Binding("left,h", "step(-1)", "Earlier", id="review-earlier", priority=True),
        Binding("right,l", "step(1)", "Later", id="review-later", priority=True),
        Binding("full_stop", "last_week", "Last week", id="review-last-week"),
        Binding("x", "write_file", "Save", id="review-write"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.period = self._last_week()
        self.report: Report | None = None

    def body(self) -> ComposeResult:
        yield Static(id="review-title")
        with VerticalScroll(id="review"):
            yield Markdown(id="review-text")

    def _last_week(self) -> Period:
        ctx = self.workspace.context
        return last_complete_week(ctx.today(), ctx.settings.week_start)

    def reload(self, *, hours_changed: bool = True) -> None:
        with self.workspace.read() as session:
            self.report = build_report(session, self.workspace.context, self.period)
        self.query_one("#review-title", Static).update(plain(f"Review · {title(self.report)}"))
        text = writer("md")(self.report)
        # The heading is on the title line already.
        self.query_one(Markdown).update(text.split("\n", 2)[2])

    def action_step(self, weeks: int) -> None:
        """A week earlier or later; never past the week holding today."""
        step = self.period.after() if weeks > 0 else self.period.before()
        ctx = self.workspace.context
        if step.first > week_holding(ctx.today(), ctx.settings.week_start).first:
            self.notify("This week is the latest there is to review.")
            return
        self.period = step
        self.reload()
        self.query_one("#review", VerticalScroll).scroll_home(animate=False)

    def action_last_week(self) -> None:
        self.period = self._last_week()
        self.reload()

    def action_write_file(self) -> None:
        """Ask where to write the review (the format follows the name's ending)."""
        name = f"review-{self.period.label}.md"
        fields = [
            Field(
                "path", "File", str(Path.cwd() / name), hint="Ending in .md, .html, .csv or .json"
            ),
            Field("replace", "Replace the file if it exists", False, kind="flag"),
        ]
        self.app.push_screen(
            FormScreen(f"Write the review of {self.period.label}", fields, self._write)
        )

    def _write(self, values: dict[str, Any], _anyway: bool) -> None:
        from tracker.services.exports import write_output

        path = Path(str(values["path"])).expanduser()
        chosen = format_of(path.name)
        replace = bool(values["replace"])
        if path.is_file() and not replace:
            raise InputError(f"{path} already exists; tick Replace, or give a new name.")
        if self.report is not None:
            text = writer(chosen)(self.report)
            write_output(path, lambda out: out.write(text), force=replace)
            self.notify(f"Wrote the review to {path}.", markup=False)
