"""The pre-publish checklist of one card, ticked with the keyboard (k on the card).

One line an item, so the default checklist fits 80x24 with room to spare: a checkbox named by
the item's key with its reason dimmed beside it (cut to the width), and the focused item's
reason in full below the list. The words' item is not ticked by hand: the identifier check
answers it, so it is shown as a line of its own that says what to do.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantFocus
from textual.widgets import Button, Checkbox, Static

from tracker.core.checklist import Item
from tracker.tui.plain import plain
from tracker.tui.screens.form import Field, FormScreen, Submit

KEY_WIDTH = 11  # cells for an item's key, so the reasons line up


class ChecklistScreen(FormScreen):
    """A FormScreen laid out as a checklist: ↓/↑ (or j/k, Tab) go from item to item, Space
    ticks, Ctrl+S saves, Escape cancels."""

    # The board column's ids: one [keymap] entry moves the key for both lists.
    BINDINGS = [
        Binding("down,j", "app.focus_next", "Item below", show=False, id="card-down"),
        Binding("up,k", "app.focus_previous", "Item above", show=False, id="card-up"),
    ]
    CSS_PATH = [
        Path(__file__).with_name("form.tcss"),
        Path(__file__).with_suffix(".tcss"),
    ]

    def __init__(
        self,
        title: str,
        items: list[tuple[Item, bool]],
        submit: Submit,
        words: tuple[Item, str] | None = None,
    ) -> None:
        """``items`` are the items ticked by hand with whether each is done; ``words`` is the
        item the identifier check answers, with where it stands, when the checklist has it."""
        fields = [
            Field(item.key, item.key, done, kind="flag", hint=item.why) for item, done in items
        ]
        super().__init__(title, fields, submit)
        self.items = items
        self.words = words

    def compose(self) -> ComposeResult:
        # Vertical, not VerticalScroll: its ↑/↓ would scroll instead of going item to item
        with Vertical(id="form"):
            yield Static(plain(self.form_title), id="form-title")
            if self.words is not None:
                item, state = self.words
                yield Static(
                    Content.assemble(f"    {item.key:<{KEY_WIDTH}} ", plain(state)),
                    id="checklist-words",
                )
            for item, done in self.items:
                label = Content.assemble(f"{item.key:<{KEY_WIDTH}} ", (item.why, "dim"))
                yield Checkbox(
                    label,
                    value=done,
                    id=f"field-{item.key}",
                    classes="checklist-item",
                    compact=True,
                )
            yield Static(id="checklist-why")
            yield Static(id="checklist-keys")
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#checklist-keys", Static).update(self._keys_line())
        if self.fields:
            super().on_mount()
        else:
            self.query_one("#save").focus()

    def _keys_line(self) -> str:
        """The keys that work here, as they are now (a [keymap] may have moved them)."""
        keys: dict[str, list[str]] = {}
        for active in self.active_bindings.values():
            if active.binding.id:
                keys.setdefault(active.binding.id, []).append(
                    self.app.get_key_display(active.binding)
                )

        def named(binding_id: str) -> str:
            return "/".join(keys.get(binding_id, []))

        return (
            f"{named('card-down')} {named('card-up')} go item to item · "
            f"Space ticks · {named('form-save')} saves · {named('form-cancel')} cancels"
        )

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """The focused item's reason in full (beside the box it is cut to the width)."""
        spec = self._spec_of(event.widget.id)
        self.query_one("#checklist-why", Static).update(
            Content.assemble((spec.name, "bold"), ": ", spec.hint) if spec else ""
        )
