"""A modal form: labelled fields, a Save that may be refused, and the reason shown in place.

The screen that opens a form passes ``submit``, which parses the values and calls a service;
if it raises a TrackerError the message appears under the fields and everything typed stays.
A field may carry a ``check``: a pure function of its text whose answer (the identifier
findings, say) is shown under the field and redrawn on every change, as the person types.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult, CSSPathType
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from tracker.core.errors import TrackerError, UnlikelyDateError
from tracker.tui.plain import plain
from tracker.tui.screens.confirm import ConfirmScreen

# What to show under a field for the text in it, redrawn as it changes; empty for nothing.
Check = Callable[[str], Content]


@dataclass(frozen=True)
class Field:
    """One input of a form: ``kind`` is text, lines (several lines, kept as typed), choice or
    flag (a checkbox, labelled by ``label`` alone)."""

    name: str
    label: str
    value: Any = ""
    kind: str = "text"
    choices: tuple[str, ...] = ()
    placeholder: str = ""
    hint: str = field(default="")
    check: Check | None = None


# Called with the values and whether the person confirmed an unlikely date (one before 2000 or
# over a year ahead): the form asks, and calls again with True.
Submit = Callable[[dict[str, Any], bool], None]


class FormScreen(ModalScreen[bool]):
    """Dismisses with True once ``submit`` accepted the values, False when cancelled."""

    CSS_PATH: ClassVar[CSSPathType | None] = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form-cancel"),
        Binding("ctrl+s", "save", "Save", id="form-save"),
    ]

    def __init__(self, title: str, fields: list[Field], submit: Submit, note: str = "") -> None:
        super().__init__()
        self.form_title = title
        self.fields = fields
        self.submit = submit
        self.note = note  # one line under the title, about the form as a whole

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(plain(self.form_title), id="form-title")
            if self.note:
                yield Static(plain(self.note), id="form-note")
            for spec in self.fields:
                if spec.kind != "flag":  # a checkbox carries its own label
                    yield Label(spec.label, classes="field-label")
                yield self._input(spec)
                if spec.check is not None:
                    yield Static(id=f"check-{spec.name}", classes="field-check")
                if spec.hint:
                    yield Static(spec.hint, classes="field-hint")
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        for spec in self.fields:
            if spec.check is not None:
                self._show_check(spec, str(spec.value or ""))
        self.query_one(f"#field-{self.fields[0].name}").focus()

    def _input(self, spec: Field) -> Any:
        widget_id = f"field-{spec.name}"
        if spec.kind == "choice":
            options = [(choice or "(default)", choice) for choice in spec.choices]
            return Select(options, value=spec.value, allow_blank=False, id=widget_id)
        if spec.kind == "flag":
            return Checkbox(
                spec.label, value=bool(spec.value), id=widget_id, classes="field-flag", compact=True
            )
        if spec.kind == "lines":
            return TextArea(
                str(spec.value or ""),
                id=widget_id,
                soft_wrap=True,
                tab_behavior="focus",
                placeholder=spec.placeholder,
                classes="field-lines",
            )
        return Input(value=str(spec.value or ""), placeholder=spec.placeholder, id=widget_id)

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Input):
                found[spec.name] = widget.value.strip()
            elif isinstance(widget, TextArea):
                found[spec.name] = widget.text  # several lines, kept as typed
            elif isinstance(widget, Select | Checkbox):
                found[spec.name] = widget.value
        return found

    def _spec_of(self, widget_id: str | None) -> Field | None:
        for spec in self.fields:
            if widget_id == f"field-{spec.name}":
                return spec
        return None

    def _show_check(self, spec: Field, text: str) -> None:
        """Run the field's check on ``text`` and show its answer under the field (the check
        is pure and fast, so it runs on every change: no timer, nothing to wait for)."""
        assert spec.check is not None
        answer = spec.check(text)
        shown = self.query_one(f"#check-{spec.name}", Static)
        shown.update(answer)
        shown.display = bool(answer)
        if answer and self.focused is not None and self.focused.id == f"field-{spec.name}":
            # keep what was found in view under the field being typed in
            self.call_after_refresh(shown.scroll_visible, animate=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        spec = self._spec_of(event.input.id)
        if spec is not None and spec.check is not None:
            self._show_check(spec, event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        spec = self._spec_of(event.text_area.id)
        if spec is not None and spec.check is not None:
            self._show_check(spec, event.text_area.text)

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
