"""A modal form: labelled fields, a Save that may be refused, and the reason shown in place.

The screen that opens a form passes ``submit``, which parses the values and calls a service;
if it raises a TrackerError the message appears under the fields and everything typed stays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from tracker.core.errors import TrackerError, UnlikelyDateError
from tracker.tui.plain import plain
from tracker.tui.screens.confirm import ConfirmScreen


@dataclass(frozen=True)
class Field:
    """One input of a form: ``kind`` is text, choice or flag."""

    name: str
    label: str
    value: Any = ""
    kind: str = "text"
    choices: tuple[str, ...] = ()
    placeholder: str = ""
    hint: str = field(default="")


# Called with the values and whether the person confirmed an unlikely date (one before 2000 or
# over a year ahead): the form asks, and calls again with True.
Submit = Callable[[dict[str, Any], bool], None]


class FormScreen(ModalScreen[bool]):
    """Dismisses with True once ``submit`` accepted the values, False when cancelled."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form-cancel"),
        Binding("ctrl+s", "save", "Save", id="form-save"),
    ]

    def __init__(self, title: str, fields: list[Field], submit: Submit) -> None:
        super().__init__()
        self.form_title = title
        self.fields = fields
        self.submit = submit

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(plain(self.form_title), id="form-title")
            for spec in self.fields:
                yield Label(spec.label, classes="field-label")
                yield self._input(spec)
                if spec.hint:
                    yield Static(spec.hint, classes="field-hint")
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(f"#field-{self.fields[0].name}").focus()

    def _input(self, spec: Field) -> Any:
        widget_id = f"field-{spec.name}"
        if spec.kind == "choice":
            options = [(choice or "(default)", choice) for choice in spec.choices]
            return Select(options, value=spec.value, allow_blank=False, id=widget_id)
        if spec.kind == "flag":
            return Checkbox(spec.label, value=bool(spec.value), id=widget_id)
        return Input(value=str(spec.value or ""), placeholder=spec.placeholder, id=widget_id)

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Input):
                found[spec.name] = widget.value.strip()
            elif isinstance(widget, Select | Checkbox):
                found[spec.name] = widget.value
        return found

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self, anyway: bool = False) -> None:
        try:
            self.submit(self.values(), anyway)
        except UnlikelyDateError as error:
            self.app.push_screen(
                ConfirmScreen(f"{error.what}. Save it anyway?"),
                lambda yes: self.action_save(anyway=True) if yes else None,
            )
            return
        except TrackerError as error:
            message = self.query_one("#form-error", Static)
            message.update(plain(str(error)))
            message.scroll_visible(animate=False)  # below the fold of a long form otherwise
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
