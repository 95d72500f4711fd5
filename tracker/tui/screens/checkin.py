"""The check-in, one question at a time: our instruction first, then each item with its
answer scale on the keys 1-5, skip and back, and one result at the end (or, when too few
questions were answered, what is missing and a way back to them)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.core.checkin import Item, meaning
from tracker.core.errors import TrackerError
from tracker.services.checkins import CheckInView
from tracker.tui.plain import plain

INTRO = -1
SCALE_NAMES = {"personal": "Personal burnout", "work": "Work-related burnout"}
Save = Callable[[list[int | None]], CheckInView]


class CheckinScreen(ModalScreen[bool]):
    """Dismisses with True once a check-in was saved, False when left without saving."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        *(
            Binding(str(n), f"answer({n - 1})", f"Answer {n}", show=False, id=f"checkin-{n}")
            for n in range(1, 6)
        ),
        Binding("0,s", "skip", "Skip", id="checkin-skip"),
        Binding("backspace,left", "back", "Back", id="checkin-back"),
        Binding("enter,right", "next", "Next", id="checkin-next"),
        Binding("escape", "leave", "Leave", id="checkin-leave"),
    ]

    def __init__(self, items: Sequence[Item], instruction: str, note: str, save: Save) -> None:
        super().__init__()
        self.items = tuple(items)
        self.instruction = instruction
        self.note = note
        self.save = save
        self.answers: list[int | None] = [None] * len(self.items)
        self.position = INTRO  # INTRO, a question's index, or len(items) for the result
        self.saved: CheckInView | None = None
        self.refusal = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="checkin"):
            yield Static(id="checkin-title")
            yield Static(id="checkin-body")
            yield Static(id="checkin-choices")
            yield Static(id="checkin-keys")
            yield Static(plain(self.note), id="checkin-note")

    def on_mount(self) -> None:
        self._show()

    # --- the pages ----------------------------------------------------------------------------

    @property
    def at_result(self) -> bool:
        return self.position == len(self.items)

    def _show(self) -> None:
        if self.position == INTRO:
            self._page(
                f"Check-in: {len(self.items)} questions, about two minutes",
                "Our instruction, not part of the inventory: "
                f"{self.instruction}\n\nThe questions are the personal and work-related scales "
                "of the Copenhagen Burnout Inventory (Kristensen et al. 2005).",
                None,
                "Enter begin · Esc leave",
            )
        elif self.at_result:
            self._show_result()
        else:
            item, given = self.items[self.position], self.answers[self.position]
            keys = (
                "1–5 answer · 0 or s skip · ← back · Esc leave (nothing is saved)"
                if given is None
                else "1–5 answer · → keep · 0 or s skip · ← back · Esc leave"
            )
            self._page(
                f"Check-in · question {self.position + 1} of {len(self.items)}",
                item.text,
                self._choices(item, given),
                keys,
            )

    def _show_result(self) -> None:
        if self.saved is None:
            self._page(
                "Not saved: too few answers",
                f"{self.refusal}\nGo back to the questions you skipped and answer a few more.",
                None,
                "← back to the questions you skipped · Esc leave (nothing is saved)",
            )
            return
        personal, work = self.saved.personal_score, self.saved.work_score
        width = max(len(name) for name in SCALE_NAMES.values()) + 3
        scores = "\n".join(
            f"{name:<{width}}{'-' if value is None else f'{value:.0f} / 100'}"
            for name, value in ((SCALE_NAMES["personal"], personal), (SCALE_NAMES["work"], work))
        )
        self._page(
            "Check-in saved",
            f"{scores}\n\n{meaning(self.saved.highest)}\n"
            "Compare with your own earlier scores: tracker checkin --history.",
            None,
            "Enter or Esc close",
        )

    def _page(self, title: str, body: str, choices: Content | None, keys: str) -> None:
        self.query_one("#checkin-title", Static).update(plain(title))
        text = self.query_one("#checkin-body", Static)
        text.update(plain(body, multiline=True))
        text.set_class(choices is not None, "question")
        shown = self.query_one("#checkin-choices", Static)
        shown.display = choices is not None
        shown.update(choices or "")
        self.query_one("#checkin-keys", Static).update(keys)

    def _choices(self, item: Item, chosen: int | None) -> Content:
        lines = []
        for index, label in enumerate(item.choices):
            mark = "▸" if index == chosen else " "
            line = plain(f"{mark} {index + 1}  {label}")
            lines.append(line.stylize("bold reverse") if index == chosen else line)
        return Content("\n").join(lines)

    # --- the keys -----------------------------------------------------------------------------

    def action_answer(self, choice: int) -> None:
        if 0 <= self.position < len(self.items):
            self.answers[self.position] = choice
            self._forward()

    def action_skip(self) -> None:
        if 0 <= self.position < len(self.items):
            self.answers[self.position] = None
            self._forward()

    def action_next(self) -> None:
        if self.at_result:
            if self.saved is not None:
                self.dismiss(True)
            else:
                self.action_back()
            return
        self._forward()

    def action_back(self) -> None:
        if self.at_result:
            if self.saved is None:
                skipped = [i for i, answer in enumerate(self.answers) if answer is None]
                self.position = skipped[0] if skipped else len(self.items) - 1
                self._show()
            return
        if self.position > INTRO:
            self.position -= 1
            self._show()

    def action_leave(self) -> None:
        self.dismiss(self.saved is not None)

    def _forward(self) -> None:
        self.position += 1
        if self.at_result:
            try:
                self.saved = self.save(list(self.answers))
            except TrackerError as error:
                self.refusal = str(error)
        self._show()
