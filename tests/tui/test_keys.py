"""Keys are data: the help lists every key a screen answers to by the names on the keyboard, a
[keymap] in the config moves keys, and help and quit lead the footer even at 80x24."""

from __future__ import annotations

import string
from dataclasses import replace
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.keys import Keys, _character_to_key
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from tracker.config import load_settings
from tracker.core.errors import ConfigError
from tracker.core.keys import NAMED_KEYS, canonical_key, key_display
from tracker.tui.app import TrackerApp
from tracker.tui.keymap import binding_ids, binding_owners, own_bindings
from tracker.tui.screens.board import BoardScreen
from tracker.tui.screens.form import FormScreen
from tracker.tui.screens.help import HelpScreen
from tracker.tui.screens.insights import InsightsScreen
from tracker.tui.screens.time_log import TimeLogScreen
from tracker.tui.widgets.card_column import CardColumn

SMALL = (80, 24)
TALL = (100, 60)
RAW_NAMES = ("question_mark", "full_stop", "slash", "escape", "pageup", "pagedown", "ctrl+")


def keyed(ctx, tmp_path: Path, text: str):
    """``ctx`` with the settings of a config file holding ``text`` (so errors name its lines)."""
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    loaded = load_settings(path)
    return replace(ctx, settings=replace(ctx.settings, keymap=loaded.keymap, source=path))


def help_lines(app: TrackerApp) -> list[str]:
    """The help screen's text, line by line, as the person reads it."""
    assert isinstance(app.screen, HelpScreen)
    lines: list[str] = []
    for widget in app.screen.query(Static):
        lines.extend(str(widget.content).splitlines())
    return [line.rstrip() for line in lines]


def row(lines: list[str], keys: str, does: str) -> bool:
    """Whether the help has a row giving ``keys`` (exactly) for ``does``."""
    return any(line.startswith(keys + " ") and line[len(keys) :].strip() == does for line in lines)


def footer_keys(app: TrackerApp) -> list[tuple[str, str, int]]:
    """(key as shown, description, right edge) of each key in the footer, in order."""
    footer = app.screen.query_one(Footer)
    return [
        (key.key_display, key.description, key.region.right)
        for key in footer.query(FooterKey)
        if not key.has_class("-command-palette")
    ]


# --- The help --------------------------------------------------------------------------------


async def test_help_on_the_board_lists_every_key_by_its_name_on_the_keyboard(app, add):
    add("Five signs", stage="idea")
    async with app.run_test(size=TALL) as pilot:
        board = app.screen
        assert isinstance(board, BoardScreen)
        active = dict(board.active_bindings)
        await pilot.press("question_mark")
        lines = help_lines(app)
    text = "\n".join(lines)
    expected = [
        # the focused column's keys
        ("↑ k", "Card above"),
        ("↓ j", "Card below"),
        ("← h", "Previous column"),
        ("→ l", "Next column"),
        ("PgUp", "Page up"),
        ("PgDn", "Page down"),
        ("Home", "First card"),
        ("End", "Last card"),
        # the board's own
        ("Shift+← H", "Move left"),
        ("n", "New"),
        ("Enter e", "Open"),
        ("/", "Filter"),
        ("Esc", "Clear filter"),
        ("x", "Show dropped"),
        # the app's, on every screen
        ("? F1", "Help"),
        ("1", "Board"),
        ("2", "Log"),
        ("3", "Insights"),
        ("c", "Check-in"),
        ("p", "Plan a break"),
        ("Ctrl+P", "Commands"),
        ("q Ctrl+Q", "Quit"),
    ]
    for keys, does in expected:
        assert row(lines, keys, does), (keys, does, text)
    for raw in RAW_NAMES:
        assert raw not in text
    # Nothing the person can press there is missing: every active key with a description.
    for active_binding in active.values():
        binding = active_binding.binding
        if binding.description and not binding.system:
            shown = app.get_key_display(binding)
            assert any(
                shown in line.split("  ")[0].split() and binding.description in line
                for line in lines
            ), (shown, binding.description)
    assert lines.index("On this screen") < lines.index("Where the cursor is")
    assert lines.index("Where the cursor is") < lines.index("Everywhere")


async def test_help_on_the_time_log_shows_today_as_a_full_stop(app):
    async with app.run_test(size=TALL) as pilot:
        await pilot.press("2", "question_mark")
        lines = help_lines(app)
    assert row(lines, ".", "Today")
    assert row(lines, "w", "Day/week")
    assert "full_stop" not in "\n".join(lines)


async def test_the_help_key_closes_the_help_and_so_does_escape(app):
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


# --- The footer ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "screen"), [("1", BoardScreen), ("2", TimeLogScreen), ("3", InsightsScreen)]
)
async def test_help_and_quit_lead_the_footer_at_80_by_24(app, key, screen):
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(key)
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        assert isinstance(app.screen, screen)
        shown = footer_keys(app)
        palette = app.screen.query_one(Footer).query_one(".-command-palette", FooterKey).region
    assert [(display, does) for display, does, _ in shown[:2]] == [("?", "Help"), ("q", "Quit")]
    assert palette.width and palette.right == SMALL[0]
    assert all(right <= palette.x for _, _, right in shown[:2]), "not under the palette key"


# --- The keymap ------------------------------------------------------------------------------


async def test_a_keymap_moves_a_key_the_old_one_does_nothing_and_help_and_footer_follow(
    database, ctx, tmp_path
):
    app = TrackerApp(
        database, keyed(ctx, tmp_path, '[keymap]\nnew = "ctrl+n"\nhelp = "f2"\n'), watch=False
    )
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, BoardScreen), "n no longer adds a card"
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
        shown = footer_keys(app)
        assert [(display, does) for display, does, _ in shown[:2]] == [
            ("F2", "Help"),
            ("q", "Quit"),
        ]
        assert ("Ctrl+N", "New") in [(display, does) for display, does, _ in shown]
        await pilot.press("question_mark")
        assert isinstance(app.screen, BoardScreen), "? no longer opens the help"
        await pilot.press("f2")
        lines = help_lines(app)
        assert row(lines, "Ctrl+N", "New")
        assert row(lines, "F2", "Help")
        await pilot.press("f2")  # the key that opens the help closes it
        assert isinstance(app.screen, BoardScreen)


async def test_the_command_palette_names_the_remapped_key(database, ctx, tmp_path):
    app = TrackerApp(database, keyed(ctx, tmp_path, '[keymap]\nnew = "ctrl+n,+"\n'), watch=False)
    async with app.run_test(size=SMALL):
        commands = {command.title: command.help for command in app.get_system_commands(app.screen)}
    assert commands["New"] == "Key: Ctrl+N +"
    assert commands["Filter"] == "Key: /"
    assert commands["Help"] == "Key: ? F1"


async def test_the_palette_key_can_be_remapped_and_the_footer_shows_it(database, ctx, tmp_path):
    app = TrackerApp(database, keyed(ctx, tmp_path, '[keymap]\ncommands = "ctrl+k"\n'), watch=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        palette = app.screen.query_one(Footer).query_one(".-command-palette", FooterKey)
        assert (palette.key_display, palette.description) == ("Ctrl+K", "Commands")
        await pilot.press("ctrl+p")
        assert not isinstance(app.screen, CommandPalette)
        await pilot.press("ctrl+k")
        assert isinstance(app.screen, CommandPalette)


async def test_a_column_key_can_be_remapped_too(database, ctx, tmp_path, add):
    add("One", stage="idea")
    add("Two", stage="idea")
    app = TrackerApp(
        database, keyed(ctx, tmp_path, '[keymap]\ncard-down = "ctrl+j"\n'), watch=False
    )
    async with app.run_test(size=TALL) as pilot:
        column = app.screen.query_one("#column-idea", CardColumn)
        assert column.current_number == 1
        await pilot.press("down")
        assert column.current_number == 1, "down no longer moves"
        await pilot.press("ctrl+j")
        assert column.current_number == 2


def test_an_unknown_binding_id_is_refused_naming_the_file_line_and_the_valid_ids(
    database, ctx, tmp_path
):
    settings = keyed(ctx, tmp_path, '# mine\n[keymap]\nnew = "ctrl+n"\nnwe = "x"\n')
    with pytest.raises(ConfigError) as refused:
        TrackerApp(database, settings, watch=False)
    message = str(refused.value)
    assert message.startswith(f"{tmp_path / 'config.toml'}, line 4: keymap.nwe: unknown binding id")
    assert "move-left" in message and "card-down" in message and "\n" not in message


def test_a_key_that_another_binding_has_there_is_refused(database, ctx, tmp_path):
    settings = keyed(ctx, tmp_path, '[keymap]\nnew = "d"\n')
    with pytest.raises(ConfigError) as refused:
        TrackerApp(database, settings, watch=False)
    assert str(refused.value) == (
        f'{tmp_path / "config.toml"}, line 2: keymap.new: d already does Delete ("delete") '
        'where "new" works; give one of them another key.'
    )


def test_a_column_key_that_would_hide_a_board_key_is_refused(database, ctx, tmp_path):
    with pytest.raises(ConfigError, match=r"keymap\.card-down: n already does New"):
        TrackerApp(database, keyed(ctx, tmp_path, '[keymap]\ncard-down = "n"\n'), watch=False)


def test_two_bindings_may_swap_keys(database, ctx, tmp_path):
    TrackerApp(database, keyed(ctx, tmp_path, '[keymap]\nnew = "d"\ndelete = "n"\n'), watch=False)


# --- Every binding is data -------------------------------------------------------------------


def test_every_binding_of_ours_has_an_id_and_a_description():
    for owner in binding_owners():
        for binding in owner.__dict__["BINDINGS"]:
            assert isinstance(binding, Binding), (owner, binding)
            assert binding.id and binding.description, (owner.__name__, binding)


def test_an_id_shared_by_two_bindings_has_the_same_default_keys_in_both():
    for binding_id, bindings in binding_ids().items():
        assert len({binding.key for binding in bindings}) == 1, binding_id


def test_the_app_and_the_board_declare_their_bindings():
    owners = binding_owners()
    assert TrackerApp in owners and BoardScreen in owners
    assert {b.id for b in own_bindings(TrackerApp)} >= {"help", "quit", "checkin", "commands"}


def test_every_binding_id_is_listed_in_the_configuration_docs():
    docs = (Path(__file__).parents[2] / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [binding_id for binding_id in binding_ids() if f"`{binding_id}`" not in docs]
    assert missing == []


# --- Key names -------------------------------------------------------------------------------


@pytest.mark.parametrize("char", [c for c in string.printable.strip() if c != ","])
def test_a_typed_character_gets_the_name_textual_gives_it(char):
    assert canonical_key(char) == _character_to_key(char)


def test_every_named_key_is_one_textual_knows():
    assert set(NAMED_KEYS) <= {key.value for key in Keys}


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("question_mark", "?"),
        ("full_stop", "."),
        ("slash", "/"),
        ("escape", "Esc"),
        ("up", "↑"),
        ("pageup", "PgUp"),
        ("pagedown", "PgDn"),
        ("ctrl+p", "Ctrl+P"),
        ("shift+left", "Shift+←"),
        ("f1", "F1"),
        ("H", "H"),
        ("enter", "Enter"),
    ],
)
def test_keys_are_shown_by_their_names_on_the_keyboard(key, shown):
    assert key_display(key) == shown
