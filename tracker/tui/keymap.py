"""Keys are data: every binding of ours has an id, and the config file's ``[keymap]`` table gives
an id other keys (Textual's ``App.set_keymap`` does the remapping).

The config module checks that each value is a list of real key names; the ids live with the
bindings, in the screens and widgets, so they are checked here, when the app is built: a keymap
that names no binding, or that would make one key do two things at once, is refused in one
line that names the file, the line and the key, before anything is drawn.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from tracker.config import config_error
from tracker.core.keys import key_display

PACKAGES = ("tracker.tui.screens", "tracker.tui.widgets")


def binding_owners() -> list[type[DOMNode]]:
    """The app, every screen and every widget of ours that declares BINDINGS."""
    import tracker.tui.app  # noqa: F401 - the app's own bindings, and what it imports

    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package_name}.{module.name}")
    owners = {
        cls
        for cls in _subclasses(DOMNode)
        if cls.__module__.startswith("tracker.tui.") and "BINDINGS" in cls.__dict__
    }
    return sorted(owners, key=lambda cls: (cls.__module__, cls.__qualname__))


def own_bindings(owner: type[DOMNode]) -> list[Binding]:
    """The bindings a class declares itself (not those it inherits), as written."""
    return [item for item in owner.__dict__.get("BINDINGS", []) if isinstance(item, Binding)]


def binding_ids() -> dict[str, list[Binding]]:
    """Every binding id, with the bindings that carry it (the same action on two levels, such
    as the board's and a column's "previous column", shares one id so one entry moves both)."""
    found: dict[str, list[Binding]] = {}
    for owner in binding_owners():
        for binding in own_bindings(owner):
            if binding.id:
                found.setdefault(binding.id, []).append(binding)
    return found


def check_keymap(keymap: Mapping[str, str], source: Path | None) -> None:
    """Refuse a keymap naming an unknown binding id, or giving a key to a binding while it
    still does something else where that binding works."""
    known = binding_ids()
    for binding_id in keymap:
        if binding_id not in known:
            raise config_error(
                source,
                ("keymap", binding_id),
                f'unknown binding id "{binding_id}"; the ids are {", ".join(sorted(known))}',
            )
    for scope in _scopes():
        _check_scope(scope, keymap, source)


def _scopes() -> Iterator[list[Binding]]:
    """Groups of bindings that are active together: a screen with the app's (a modal screen
    alone), and a widget of ours with the app's and those of each screen whose module uses it
    (a focused board column shadows the board's keys)."""
    from tracker.tui.app import TrackerApp

    app_bindings = _merged(TrackerApp)
    owners = binding_owners()
    screens = [owner for owner in owners if issubclass(owner, Screen)]
    for owner in owners:
        if issubclass(owner, ModalScreen):
            yield _merged(owner)
        elif issubclass(owner, Screen):
            yield [*_merged(owner), *app_bindings]
        elif issubclass(owner, Widget):
            yield [*_merged(owner), *app_bindings]
            for screen in screens:
                if owner in vars(sys.modules[screen.__module__]).values():
                    yield [*_merged(owner), *_merged(screen), *app_bindings]


def _check_scope(scope: list[Binding], keymap: Mapping[str, str], source: Path | None) -> None:
    """Refuse a key the keymap gives to a binding while another binding in ``scope`` has it."""
    holders: dict[str, list[Binding]] = {}
    for binding in scope:
        keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
        for key in keys.split(","):
            holders.setdefault(key, []).append(binding)
    for key, holding in holders.items():
        for binding in holding:
            if binding.id is None or binding.id not in keymap:
                continue
            others = [
                other
                for other in holding
                if other.action != binding.action and other.id != binding.id
            ]
            if others:
                other = others[0]
                what = other.description or other.action
                name = f' ("{other.id}")' if other.id else ""
                raise config_error(
                    source,
                    ("keymap", binding.id),
                    f'{key_display(key)} already does {what}{name} where "{binding.id}" works; '
                    "give one of them another key",
                )


def _merged(owner: type[DOMNode]) -> list[Binding]:
    """A class's bindings with those it inherits, one per key, the nearest class winning."""
    by_key: dict[str, list[Binding]] = {}
    for base in reversed(owner.__mro__):
        if isinstance(base, type) and issubclass(base, DOMNode):
            for binding in Binding.make_bindings(base.__dict__.get("BINDINGS", [])):
                by_key[binding.key] = [binding]
    if issubclass(owner, App):
        palette = owner.COMMAND_PALETTE_BINDING
        if palette not in by_key:
            by_key[palette] = [Binding(palette, "command_palette", "palette")]
    return [binding for bindings in by_key.values() for binding in bindings]


def _subclasses(cls: type[DOMNode]) -> Iterator[type[DOMNode]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def key_named(keymap: Mapping[str, str], binding_id: str, default: str) -> str:
    """The key a binding has now, by its name on the keyboard, for text that tells a person
    what to press (``default`` is the binding's own key, used unless ``[keymap]`` moves it)."""
    return key_display(keymap.get(binding_id, default).split(",")[0])
