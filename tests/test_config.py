"""The config file: defaults, what a valid file sets, and how every mistake in it is reported."""

from __future__ import annotations

import json
import math
from dataclasses import fields, replace
from datetime import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.config import (
    CLOCK_KEYS,
    DEFAULT_PLATFORMS,
    DEFAULT_STAGES,
    LIMIT_KEYS,
    NUMBER_KEYS,
    RANGES,
    TOP_LEVEL_KEYS,
    WEEKDAYS,
    Settings,
    config_error,
    config_path,
    load_settings,
    parse_settings,
    settings_to_toml,
)
from tracker.core.checklist import DEFAULT_ITEMS, Item
from tracker.core.errors import ConfigError, TrackerError
from tracker.core.presets import DEFAULT_PRESETS, Preset
from tracker.core.sustainability import Limits, ThresholdSettings

ALLOWED_KEYS = ", ".join(TOP_LEVEL_KEYS)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def refusal(tmp_path: Path, text: str) -> str:
    """The message the user sees for a config file holding ``text``."""
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    return str(caught.value)


# --- Defaults and a valid file -------------------------------------------------------------------


def test_without_a_config_file_everything_has_its_default(tmp_path: Path) -> None:
    found = load_settings(tmp_path / "missing.toml")
    assert found == Settings()
    assert found.stages == (
        "idea",
        "script",
        "record",
        "edit",
        "review",
        "scheduled",
        "published",
    )
    assert found.all_stages == (*DEFAULT_STAGES, "dropped")
    assert found.platforms == DEFAULT_PLATFORMS == ("youtube", "tiktok", "instagram")
    assert (found.database, found.member, found.timezone) == (None, None, None)
    assert found.week_start == 0
    assert found.wip_limits == {}
    assert found.source is None


def test_an_empty_config_file_also_means_all_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, "# nothing set yet\n")
    found = load_settings(path)
    assert (found.stages, found.platforms, found.week_start) == (
        DEFAULT_STAGES,
        DEFAULT_PLATFORMS,
        0,
    )
    assert found.source == path


def test_a_full_config_file_sets_everything_it_names(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        database = "~/videos/tracker.db"
        member = "ana"
        timezone = "America/Sao_Paulo"
        week_start = "Sunday"
        stages = ["idea", "script", "film", "edit", "published"]
        platforms = ["youtube", "Nebula"]

        [wip_limits]
        edit = 2
        film = 1

        [thresholds]
        """,
    )
    found = load_settings(path)
    assert found.database == "~/videos/tracker.db"
    assert found.member == found.member_name() == "ana"
    assert found.timezone == found.zone_name() == "America/Sao_Paulo"
    assert found.week_start == 6
    assert found.stages == ("idea", "script", "film", "edit", "published")
    assert found.all_stages == ("idea", "script", "film", "edit", "published", "dropped")
    assert found.platforms == ("youtube", "nebula")
    assert found.wip_limits == {"edit": 2, "film": 1}
    assert found.source == path


@pytest.mark.parametrize(
    ("day", "index"),
    [("monday", 0), ("Tuesday", 1), (" wednesday ", 2), ("SATURDAY", 5), ("sunday", 6)],
)
def test_the_week_can_start_on_any_weekday_written_in_any_case(
    tmp_path: Path, day: str, index: int
) -> None:
    assert load_settings(write(tmp_path, f'week_start = "{day}"')).week_start == index


def test_a_wip_limit_may_name_a_default_stage_when_stages_are_not_customised(
    tmp_path: Path,
) -> None:
    found = load_settings(write(tmp_path, "[wip_limits]\nedit = 3\nreview = 1\n"))
    assert found.wip_limits == {"edit": 3, "review": 1}


def test_wip_limits_may_be_written_as_an_inline_table(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "wip_limits = { edit = 3 }")).wip_limits == {"edit": 3}


# --- Where the file is ---------------------------------------------------------------------------


def test_tracker_config_moves_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere" / "my-tracker.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text('member = "bo"\n', encoding="utf-8")
    monkeypatch.setenv("TRACKER_CONFIG", str(elsewhere))
    assert config_path() == elsewhere
    found = load_settings()
    assert found.member == "bo"
    assert found.source == elsewhere


def test_tracker_config_may_start_with_a_tilde(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("TRACKER_CONFIG", "~/tracker.toml")
    (tmp_path / "tracker.toml").write_text('timezone = "Asia/Tokyo"\n', encoding="utf-8")
    assert config_path() == tmp_path / "tracker.toml"
    assert load_settings().timezone == "Asia/Tokyo"


def test_without_tracker_config_the_file_is_in_the_user_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRACKER_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # honoured by platformdirs on Linux
    assert config_path() == tmp_path / "tracker" / "config.toml"


def test_a_config_file_that_is_not_text_is_reported_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'member = "\xff\xfe"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(path) in str(caught.value)
    assert "cannot read" in str(caught.value)


def test_a_config_path_that_is_a_folder_is_reported_not_crashed_on(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path)
    assert str(tmp_path) in str(caught.value)


# --- Unknown keys --------------------------------------------------------------------------------


def test_an_unknown_key_is_reported_with_its_file_and_line_and_the_allowed_keys(
    tmp_path: Path,
) -> None:
    message = refusal(tmp_path, 'member = "ana"\n\ntimzone = "Europe/Berlin"\n')
    assert message.startswith(f"{tmp_path / 'config.toml'}, line 3: timzone: ")
    assert 'unknown key "timzone"' in message
    assert f"allowed keys are {ALLOWED_KEYS}" in message


def test_an_unknown_table_is_reported_at_its_header_line(tmp_path: Path) -> None:
    message = refusal(tmp_path, 'member = "ana"\n[limits]\nedit = 3\n')
    assert message.startswith(f"{tmp_path / 'config.toml'}, line 2: limits: ")
    assert ALLOWED_KEYS in message


def test_a_wip_limit_for_something_that_is_not_a_stage_names_the_table_key_and_line(
    tmp_path: Path,
) -> None:
    message = refusal(tmp_path, "[wip_limits]\nedit = 3\nediting = 2\n")
    assert message.startswith(f"{tmp_path / 'config.toml'}, line 3: wip_limits.editing: ")
    assert '"editing" is not a stage' in message
    assert "stages are idea, script, record, edit, review, scheduled, published" in message


def test_a_wip_limit_is_checked_against_the_custom_stages(tmp_path: Path) -> None:
    message = refusal(tmp_path, 'stages = ["idea", "film", "published"]\n[wip_limits]\nedit = 3\n')
    assert "line 3: wip_limits.edit:" in message
    assert "stages are idea, film, published" in message


def test_the_dropped_stage_cannot_have_a_wip_limit(tmp_path: Path) -> None:
    assert '"dropped" is not a stage' in refusal(tmp_path, "[wip_limits]\ndropped = 3\n")


def test_an_unknown_threshold_is_reported_with_its_line_and_the_known_ones(tmp_path: Path) -> None:
    message = refusal(tmp_path, "[thresholds]\n\nweekly_hours = 10\n")
    assert message.startswith(f"{tmp_path / 'config.toml'}, line 3: thresholds.weekly_hours: ")
    assert "known: pause_minutes, day_hours" in message


def test_thresholds_can_be_changed_switched_off_and_partly_set(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        "[thresholds]\n"
        "day_hours = { warn = 2, alert = 3 }\n"
        "late_night = false\n"
        "pause_minutes = { alert = 120 }\n"
        "day_job_hours_per_week = 50\n"
        'wake_time = "07:15"\n'
    )
    thresholds = load_settings(path).thresholds
    assert (thresholds.day_hours.warn, thresholds.day_hours.alert) == (2, 3)
    assert not thresholds.late_night.enabled
    assert (thresholds.pause_minutes.warn, thresholds.pause_minutes.alert) == (50, 120)
    assert thresholds.day_job_hours_per_week == 50
    assert thresholds.wake_time.isoformat() == "07:15:00"


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ("day_hours = 3", "must be false (off) or a table"),
        ("day_hours = { warn = 5, alert = 4 }", "alert level must not be below"),
        ("day_hours = true", "must be false (off) or a table"),
        ("day_hours = { warn = -1 }", "must be from 0.5 to 24 (hours)"),
        ("day_hours = { warm = 3 }", 'unknown key "warm" in thresholds.day_hours'),
        ('sleep_hours = "seven"', "must be a number"),
        ('wake_time = "half six"', "a time of day in quotes"),
        ("wake_time = 630", "a time of day in quotes"),
    ],
)
def test_a_bad_threshold_value_says_what_is_allowed(tmp_path: Path, line: str, hint: str) -> None:
    message = refusal(tmp_path, f"[thresholds]\n{line}\n")
    assert ", line 2: thresholds." in message and hint in message


# --- Wrong types and values ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "allowed"),
    [
        (
            "timezone = 5",
            "timezone",
            'must be text in quotes: an IANA time zone such as "Europe/Berlin"',
        ),
        ('timezone = ""', "timezone", "an IANA time zone"),
        (
            "member = true",
            "member",
            "must be text in quotes: your name as it appears on a shared board",
        ),
        ("database = 1", "database", "must be text in quotes: a file path or a postgresql:// URL"),
        ("week_start = 1", "week_start", 'must be text in quotes: a weekday name such as "monday"'),
        ('stages = "idea"', "stages", 'must be a list of names in quotes, like ["a", "b"]'),
        ('stages = ["idea", 2]', "stages", "must be a list of names in quotes"),
        ('platforms = "youtube"', "platforms", "must be a list of names in quotes"),
        ("wip_limits = 3", "wip_limits", "must be a table: [wip_limits] then edit = 3"),
        ("thresholds = []", "thresholds", "must be a table: [thresholds]"),
        ("[wip_limits]\nedit = 0", "wip_limits.edit", "must be a whole number from 1 to 1000"),
        ("[wip_limits]\nedit = -2", "wip_limits.edit", "must be a whole number from 1 to 1000"),
        ("[wip_limits]\nedit = 1001", "wip_limits.edit", "a whole number from 1 to 1000 (cards)"),
        ("date_order = 1", "date_order", 'must be text in quotes: "dmy" or "mdy"'),
        ('[wip_limits]\nedit = "three"', "wip_limits.edit", "must be a whole number"),
        ("[wip_limits]\nedit = true", "wip_limits.edit", "must be a whole number"),
        ("[wip_limits]\nedit = 2.5", "wip_limits.edit", "must be a whole number"),
        ('keymap = "n"', "keymap", "must be a table: [keymap]"),
        ("presets = 1", "presets", "must be a table"),
        ("presets.tiktok = { max_seconds = 600 }", "presets.tiktok", 'needs platform = "youtube"'),
        (
            '[presets.tiktok]\nplatform = "tiktok"\nmax_seconds = -1',
            "presets.tiktok.max_seconds",
            "must be a whole number from 0",
        ),
        (
            '[presets.tiktok]\nplatform = "tiktok"\nmax_len = 5',
            "presets.tiktok.max_len",
            "is not a preset setting",
        ),
        (
            '[presets.tiktok]\nplatform = "tiktok"\naspects = ["tall"]',
            "presets.tiktok.aspects",
            "as an aspect ratio",
        ),
        ('presets."Tik Tok" = { platform = "tiktok" }', "presets.Tik Tok", "lowercase word"),
        ("[keymap]\nnew = 3", "keymap.new", 'must be a key in quotes, like "n", or several'),
        ('[keymap]\nnew = ["n"]', "keymap.new", 'must be a key in quotes, like "n"'),
        ("[keymap]\nnew = true", "keymap.new", 'must be a key in quotes, like "n"'),
        ('local_words = "Mercy"', "local_words", 'must be a list of words in quotes, like ["St'),
        ('local_words = ["Mercy", 2]', "local_words", "must be a list of words in quotes"),
        ("local_words = { mercy = 1 }", "local_words", "must be a list of words in quotes"),
        ('local_words = ["Mercy", " "]', "local_words", "each needs a letter or a digit"),
        ('local_words = ["--"]', "local_words", '"--" is not a word or phrase'),
        ('local_words = ["St\\u0000Elsewhere"]', "local_words", "holds a control character"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_saying_what_is_allowed(
    tmp_path: Path, text: str, name: str, allowed: str
) -> None:
    message = refusal(tmp_path, text)
    line = text.count("\n") + 1
    assert message.startswith(f"{tmp_path / 'config.toml'}, line {line}: {name}: ")
    assert allowed in message


def test_an_unknown_time_zone_is_refused_with_an_example(tmp_path: Path) -> None:
    message = refusal(tmp_path, 'timezone = "Mars/Olympus"')
    assert message.startswith(f"{tmp_path / 'config.toml'}, line 1: timezone: ")
    assert 'unknown time zone "Mars/Olympus"' in message
    assert '"Europe/Berlin"' in message


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/localtime", "Europe/", "UTC\0"])
def test_a_time_zone_that_is_a_path_is_refused_as_unknown(tmp_path: Path, name: str) -> None:
    text = f"timezone = {json.dumps(name)}"
    assert "unknown time zone" in refusal(tmp_path, text)


@pytest.mark.parametrize(
    "name", ["Europe", "America", "x" * 300], ids=["Europe", "America", "long"]
)
def test_a_time_zone_region_without_a_city_is_refused_as_unknown(tmp_path: Path, name: str) -> None:
    assert "unknown time zone" in refusal(tmp_path, f'timezone = "{name}"')


def test_a_weekday_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, 'week_start = "funday"')
    assert 'line 1: week_start: "funday" is not a weekday; use e.g. "monday"' in message


@pytest.mark.parametrize(
    ("stages", "hint"),
    [
        ('["idea", "edit", "idea", "published"]', "a stage is listed twice; list each stage once"),
        ('["idea", "Idea", "published"]', "a stage is listed twice"),
        ('["idea", "dropped", "published"]', 'leave out "dropped"; every board has it'),
        ('["idea", "published", "archived"]', 'the last stage must be "published"'),
        ('["idea", "edit"]', 'the last stage must be "published"'),
        ("[]", 'the last stage must be "published"'),
        ('["idea", "to do", "published"]', '"to do" is not a usable name'),
        ('["idea", "", "published"]', "use lowercase letters, digits, -, _"),
    ],
)
def test_a_stage_list_that_cannot_make_a_board_is_refused_with_a_hint(
    tmp_path: Path, stages: str, hint: str
) -> None:
    message = refusal(tmp_path, f'member = "ana"\nstages = {stages}\n')
    assert message.startswith(f"{tmp_path / 'config.toml'}, line 2: stages: ")
    assert hint in message


def test_a_platform_name_with_spaces_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, 'platforms = ["youtube", "x twitter"]')
    assert 'line 1: platforms: "x twitter" is not a usable name' in message


# --- Broken TOML ---------------------------------------------------------------------------------


def test_a_list_left_open_at_the_end_is_reported_as_broken_toml_with_the_file(
    tmp_path: Path,
) -> None:
    message = refusal(tmp_path, "stages = [")
    assert message.startswith(f"{tmp_path / 'config.toml'}: not valid TOML: ")
    # tomllib only knows the list never closed, so it points at the end of the document.
    assert "(at end of document)" in message


def test_broken_toml_is_reported_with_the_line_and_column_toml_gives(tmp_path: Path) -> None:
    message = refusal(tmp_path, 'member = "ana"\nstages = [\nweek_start = "monday"\n')
    assert message.startswith(f"{tmp_path / 'config.toml'}: not valid TOML: ")
    assert "(at line 3, column 1)" in message


def test_a_key_set_twice_is_reported_as_broken_toml_with_its_line(tmp_path: Path) -> None:
    message = refusal(tmp_path, 'member = "ana"\nmember = "bo"\n')
    assert "not valid TOML" in message
    assert "line 2" in message


# --- Every message is one line -------------------------------------------------------------------

ONE_LINE_CASES = [
    "stages = [",
    'member = "ana"\nstages = [\nweek_start = "monday"\n',
    'timzone = "Europe/Berlin"',
    "[wip_limits]\nediting = 2",
    "[thresholds]\nweekly_hours = 10",
    "timezone = 5",
    'timezone = "Mars/Olympus"',
    'stages = "idea"',
    'stages = ["idea", "idea", "published"]',
    "[wip_limits]\nedit = true",
    'week_start = "funday"',
    "[thresholds]\nsleep_hours = 30",
    "[thresholds]\npause_minutes = { warn = 50, alrt = 90 }",
    'date_order = "ymd"',
    '[keymap]\nnew = "banana"',
    "[keymap]\nnew = 3",
    'local_words = ["St\\u001b[2JElsewhere"]',
]


@pytest.mark.parametrize(
    "text",
    [
        *ONE_LINE_CASES,
        pytest.param('"time\\nzone" = 1', id="unknown-key-with-newline"),
        pytest.param('week_start = "mon\\nday"', id="weekday-with-newline"),
        pytest.param('timezone = "Europe/\\nBerlin"', id="zone-with-newline"),
        pytest.param('stages = ["a\\nb", "published"]', id="stage-newline"),
        pytest.param('[wip_limits]\n"ed\\nit" = 1', id="wip-key-newline"),
    ],
)
def test_every_config_error_is_one_line(tmp_path: Path, text: str) -> None:
    message = refusal(tmp_path, text)
    assert "\n" not in message
    assert "\r" not in message


def test_a_config_error_is_a_tracker_error_the_cli_can_show() -> None:
    with pytest.raises(TrackerError):
        parse_settings("colour = 1", Path("x.toml"))


# --- Whatever is in the file, the answer is Settings or a ConfigError ----------------------------


def loads_or_refuses(text: str) -> None:
    try:
        found = parse_settings(text, Path("x.toml"))
    except ConfigError as error:
        assert str(error).startswith("x.toml")
    else:
        assert isinstance(found, Settings)
        assert found.stages[-1] == "published"
        assert "dropped" not in found.stages


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_in_the_config_file_loads_or_is_reported_as_a_config_error(text: str) -> None:
    loads_or_refuses(text)


def toml_value() -> st.SearchStrategy[str]:
    """TOML source for a value: strings, numbers, booleans, lists and inline tables."""
    words = st.sampled_from(
        ["idea", "edit", "published", "dropped", "monday", "Sunday", "UTC", "Europe/Berlin"]
    )
    strings = st.one_of(words, st.text(max_size=12)).map(
        lambda s: json.dumps(s, ensure_ascii=False)
    )
    scalars = st.one_of(
        strings,
        st.integers(-5, 10).map(str),
        st.sampled_from(["true", "false", "1.5", "1979-05-27"]),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
            st.dictionaries(
                st.sampled_from([*DEFAULT_STAGES, "dropped", "x"]), inner, max_size=3
            ).map(lambda d: "{" + ", ".join(f"{k} = {v}" for k, v in d.items()) + "}"),
        ),
        max_leaves=6,
    )


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from([*TOP_LEVEL_KEYS, "colour", "wip_limits.edit"]),
            toml_value(),
        ),
        max_size=5,
    )
)
def test_any_key_and_value_in_the_config_file_loads_or_is_a_config_error(
    pairs: list[tuple[str, str]],
) -> None:
    loads_or_refuses("".join(f"{key} = {value}\n" for key, value in pairs))


def test_local_words_are_read_with_their_spacing_made_single(tmp_path: Path) -> None:
    path = write(tmp_path, 'local_words = ["  St   Elsewhere ", "Mercy\\tGeneral", "Ward 7B"]\n')
    assert load_settings(path).local_words == ("St Elsewhere", "Mercy General", "Ward 7B")


def test_without_local_words_none_are_flagged(tmp_path: Path) -> None:
    assert Settings().local_words == ()
    assert load_settings(write(tmp_path, "local_words = []\n")).local_words == ()


def test_the_help_line_bell_and_desktop_notifications_are_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'help_line = "Staff wellbeing service: 0800 123 456"\n'
        "prompt_bell = true\n"
        "desktop_notifications = false\n"
        "[thresholds]\n"
        "checkin_every_days = 7\n"
    )
    settings = load_settings(path)
    assert settings.note().endswith("Staff wellbeing service: 0800 123 456")
    assert (settings.prompt_bell, settings.desktop_notifications) == (True, False)
    assert settings.thresholds.checkin_every_days == 7


def test_a_bell_setting_that_is_not_true_or_false_is_refused(tmp_path: Path) -> None:
    assert "must be true or false" in refusal(tmp_path, 'prompt_bell = "yes"\n')


# --- Every number has a range --------------------------------------------------------------------


def test_sleep_hours_of_30_is_refused_with_the_range(tmp_path: Path) -> None:
    message = refusal(tmp_path, "[thresholds]\nsleep_hours = 30\n")
    assert message == (
        f"{tmp_path / 'config.toml'}, line 2: thresholds.sleep_hours: must be from 4 to 12 (hours)."
    )


def test_a_check_in_every_0_days_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, "[thresholds]\ncheckin_every_days = 0\n")
    assert "line 2: thresholds.checkin_every_days: must be from 1 to 365 (days)." in message


def test_every_number_and_every_limit_has_one_range_that_holds_its_default() -> None:
    assert set(RANGES) == {*NUMBER_KEYS, *LIMIT_KEYS, "wip_limits"}
    defaults = ThresholdSettings()
    for key in [*NUMBER_KEYS, *LIMIT_KEYS]:
        value = getattr(defaults, key)
        low, high, unit = RANGES[key]
        levels = (value.warn, value.alert) if isinstance(value, Limits) else (value,)
        assert all(low <= level <= high for level in levels), key
        assert unit


def out_of_range() -> list[tuple[str, str, str]]:
    """(key, TOML value, the key named in the message) just outside each range."""
    cases = []
    for key in NUMBER_KEYS:
        low, high, _ = RANGES[key]
        cases += [(key, repr(low - 0.25), key), (key, repr(high + 1), key)]
    for key in LIMIT_KEYS:
        low, high, _ = RANGES[key]
        cases += [
            (key, f"{{ warn = {low - 0.25!r} }}", f"{key}.warn"),
            (key, f"{{ alert = {high + 1!r} }}", f"{key}.alert"),
        ]
    return cases


@pytest.mark.parametrize(("key", "value", "name"), out_of_range())
def test_a_threshold_outside_its_range_is_refused_naming_the_key_and_range(
    tmp_path: Path, key: str, value: str, name: str
) -> None:
    message = refusal(tmp_path, f"[thresholds]\n{key} = {value}\n")
    low, high, unit = RANGES[key]
    assert f"line 2: thresholds.{name}: must be from {low:g} to {high:g} ({unit})." in message


@pytest.mark.parametrize("key", NUMBER_KEYS)
def test_both_ends_of_a_numbers_range_are_allowed(tmp_path: Path, key: str) -> None:
    low, high, _ = RANGES[key]
    for value in (low, high):
        path = write(tmp_path, f"[thresholds]\n{key} = {value!r}\n")
        assert getattr(load_settings(path).thresholds, key) == value


@pytest.mark.parametrize("key", LIMIT_KEYS)
def test_both_ends_of_a_limits_range_are_allowed(tmp_path: Path, key: str) -> None:
    low, high, _ = RANGES[key]
    path = write(tmp_path, f"[thresholds]\n{key} = {{ warn = {low!r}, alert = {high!r} }}\n")
    assert getattr(load_settings(path).thresholds, key) == Limits(low, high)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
@pytest.mark.parametrize("line", ["sleep_hours = {}", "day_hours = {{ alert = {} }}"])
def test_nan_and_infinity_are_not_numbers_a_limit_can_use(
    tmp_path: Path, line: str, value: str
) -> None:
    assert "must be from" in refusal(tmp_path, f"[thresholds]\n{line.format(value)}\n")


def test_a_boolean_is_not_a_number(tmp_path: Path) -> None:
    message = refusal(tmp_path, "[thresholds]\nday_hours = { warn = true }\n")
    assert "thresholds.day_hours.warn: must be a number from 0.5 to 24 (hours)." in message


def test_a_wip_limit_of_1000_is_allowed(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "[wip_limits]\nedit = 1000\n")).wip_limits == {
        "edit": 1000
    }


# --- Unknown keys inside tables ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("[thresholds]\npause_minutes = { warn = 50, alrt = 90 }\n", 2),
        ("thresholds = { pause_minutes = { warn = 50, alrt = 90 } }\n", 1),
        ("[thresholds.pause_minutes]\nwarn = 50\nalrt = 90\n", 3),
        ("[thresholds]\npause_minutes.alrt = 90\n", 2),
        ("thresholds.pause_minutes.alrt = 90\n", 1),
    ],
    ids=["inline", "inline-in-inline", "sub-table", "dotted", "dotted-top-level"],
)
def test_an_unknown_key_inside_a_limit_is_named_however_it_is_written(
    tmp_path: Path, text: str, line: int
) -> None:
    message = refusal(tmp_path, text)
    assert message == (
        f"{tmp_path / 'config.toml'}, line {line}: thresholds.pause_minutes.alrt: "
        'unknown key "alrt" in thresholds.pause_minutes; use warn and alert.'
    )


def test_an_unknown_threshold_in_an_inline_thresholds_table_is_named(tmp_path: Path) -> None:
    message = refusal(tmp_path, 'member = "ana"\nthresholds = { weekly_hours = 10 }\n')
    assert "line 2: thresholds.weekly_hours: unknown threshold" in message


def test_an_unknown_stage_in_an_inline_wip_limits_table_is_named(tmp_path: Path) -> None:
    message = refusal(tmp_path, "wip_limits = { edit = 3, editing = 2 }\n")
    assert 'line 1: wip_limits.editing: "editing" is not a stage' in message


# --- Dates: day first or month first -------------------------------------------------------------


def test_without_date_order_the_day_and_month_order_is_not_set(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, 'member = "ana"\n')).date_order is None


@pytest.mark.parametrize(("written", "order"), [("dmy", "dmy"), ("MDY", "mdy"), (" dmy ", "dmy")])
def test_date_order_is_day_first_or_month_first(tmp_path: Path, written: str, order: str) -> None:
    assert load_settings(write(tmp_path, f'date_order = "{written}"\n')).date_order == order


@pytest.mark.parametrize("written", ["ymd", "dd/mm", "auto"])
def test_another_date_order_is_refused_saying_which_are_allowed(
    tmp_path: Path, written: str
) -> None:
    message = refusal(tmp_path, f'date_order = "{written}"\n')
    assert message.startswith(f"{tmp_path / 'config.toml'}, line 1: date_order: ")
    assert f'"{written}" is not a date order; use "dmy" (day first, 31/12)' in message
    assert '"mdy" (month first, 12/31)' in message


# --- Clock times ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "clock"), [("07:15", time(7, 15)), ("7:05", time(7, 5))])
def test_a_clock_time_is_hours_and_minutes(tmp_path: Path, written: str, clock: time) -> None:
    path = write(tmp_path, f'[thresholds]\nwake_time = "{written}"\n')
    assert load_settings(path).thresholds.wake_time == clock


@pytest.mark.parametrize("written", ["22:00Z", "22:00+01:00", "22:00:30", "24:00", "22:60", "2200"])
def test_a_clock_time_with_an_offset_seconds_or_out_of_range_is_refused(
    tmp_path: Path, written: str
) -> None:
    message = refusal(tmp_path, f'[thresholds]\nlate_night_start = "{written}"\n')
    assert 'line 2: thresholds.late_night_start: must be a time of day in quotes, like "22:00"' in (
        message
    )


# --- The settings written back as a config file --------------------------------------------------

RICH = Settings(
    database="~/videos/tracker.db",
    member='Ana "the editor" Lima',
    timezone="America/Sao_Paulo",
    week_start=6,
    date_order="dmy",
    stages=("idea", "film", "edit", "published"),
    platforms=("youtube", "nebula"),
    categories=("clinical", "behind-the-scenes"),
    local_words=("St Elsewhere", "Mercy General", "Ward 7B"),
    wip_limits={"edit": 2, "film": 1},
    thresholds=ThresholdSettings(
        pause_minutes=Limits(25, 45.5),
        pause_gap_minutes=2.5,
        day_hours=replace(ThresholdSettings().day_hours, enabled=False),
        week_hours=Limits(45, 50),
        day_job_hours_per_week=0,
        late_night=replace(ThresholdSettings().late_night, enabled=False),
        late_night_start=time(23, 30),
        late_night_end=time(4, 0),
        short_nights=Limits(2, 3),
        wake_time=time(7, 15),
        sleep_hours=8.5,
        days_in_a_row=Limits(6, 10),
        wip_edit_review=Limits(0, 2),
        card_age_days=Limits(7, 21),
        checkin_score=replace(ThresholdSettings().checkin_score, enabled=False),
        hours_per_video_rise=Limits(25, 1000),
        buffer_weeks=0,
        checkin_every_days=14,
        return_days=0,
    ),
    help_line='Staff care "24/7": 0800 123\\456, or a \U0001f4de',
    prompt_bell=True,
    desktop_notifications=True,
    keymap={"new": "ctrl+n", "help": "question_mark,f2", "today": "full_stop,0"},
    checklist=(Item("text", "the lint finds nothing"), Item("consent", 'signed "form" on file')),
    presets=(
        *DEFAULT_PRESETS[:2],
        Preset("tiktok", "tiktok", 3600, max_images=35, max_caption=4000, aspects=("9:16",)),
        *DEFAULT_PRESETS[3:],
        Preset("mastodon", "mastodon", max_images=4, max_caption=500, aspects=("1.91:1",)),
    ),
)


def loaded_back(settings: Settings) -> Settings:
    """``settings`` written out and read in again, without the file name."""
    return replace(parse_settings(settings_to_toml(settings), Path("x.toml")), source=None)


def test_the_rich_example_changes_every_setting_and_every_threshold() -> None:
    defaults = Settings()
    assert all(
        getattr(RICH, spec.name) != getattr(defaults, spec.name)
        for spec in fields(Settings)
        if spec.name != "source"
    )
    assert all(
        getattr(RICH.thresholds, spec.name) != getattr(defaults.thresholds, spec.name)
        for spec in fields(ThresholdSettings)
    )


@pytest.mark.parametrize("settings", [Settings(), RICH], ids=["defaults", "rich"])
def test_the_settings_written_out_load_back_the_same(settings: Settings) -> None:
    assert loaded_back(settings) == settings


def test_the_written_settings_name_the_file_they_came_from(tmp_path: Path) -> None:
    path = write(tmp_path, 'member = "ana"\n')
    text = settings_to_toml(load_settings(path))
    assert text.splitlines()[0] == f"# {path}"


def test_without_a_file_the_written_settings_say_all_are_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_CONFIG", str(tmp_path / "missing.toml"))
    text = settings_to_toml(load_settings())
    assert text.splitlines()[0] == f"# {tmp_path / 'missing.toml'} (not present: all defaults)"


def test_the_written_settings_hold_every_value_in_force() -> None:
    text = settings_to_toml(RICH)
    for line in [
        'timezone = "America/Sao_Paulo"',
        'member = "Ana \\"the editor\\" Lima"',
        'week_start = "sunday"',
        'date_order = "dmy"',
        '"nebula",',
        '"St Elsewhere",',
        'database = "~/videos/tracker.db"',
        "prompt_bell = true",
        "desktop_notifications = true",
        "[wip_limits]",
        "edit = 2",
        "[thresholds]",
        "day_hours = false",
        'late_night_start = "23:30"',
        "sleep_hours = 8.5",
        "[thresholds.pause_minutes]",
        "alert = 45.5",
    ]:
        assert line in [written.strip() for written in text.splitlines()], line
    assert "help_line = " in text


def test_system_values_that_are_not_set_are_shown_as_comments() -> None:
    settings = Settings(timezone=None, member=None)
    lines = settings_to_toml(settings).splitlines()
    assert f'# timezone = "{settings.zone_name()}"  (not set: the system\'s zone)' in lines
    assert f'# member = "{settings.member_name()}"  (not set: your user name)' in lines
    assert any(line.startswith("# date_order not set") for line in lines)


def test_a_database_password_is_masked_in_the_written_settings() -> None:
    text = settings_to_toml(Settings(database="postgresql://ana:s3cr=t@db.example:5432/board"))
    assert 'database = "postgresql://ana:***@db.example:5432/board"' in text.splitlines()
    assert "s3cr=t" not in text


def names() -> st.SearchStrategy[str]:
    return st.from_regex(r"\A[a-z][a-z0-9_-]{0,11}\Z")


def texts() -> st.SearchStrategy[str]:
    """Text as the file keeps it: not empty, no space around it."""
    return st.text(min_size=1, max_size=20).filter(lambda text: text == text.strip() != "")


def local_words() -> st.SearchStrategy[str]:
    """A local word as the file keeps it: single spaces, a letter or a digit, no control."""
    return (
        st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=20)
        .map(lambda text: " ".join(text.split()))
        .filter(lambda text: any(char.isalnum() for char in text))
    )


def numbers(key: str) -> st.SearchStrategy[float]:
    low, high, _ = RANGES[key]
    return st.one_of(st.integers(math.ceil(low), math.floor(high)).map(float), st.floats(low, high))


def limits(key: str) -> st.SearchStrategy[Limits]:
    off = replace(getattr(ThresholdSettings(), key), enabled=False)
    levels = st.lists(numbers(key), min_size=2, max_size=2).map(sorted)
    return st.one_of(st.just(off), levels.map(lambda pair: Limits(*pair)))


@st.composite
def any_settings(draw: st.DrawFn) -> Settings:
    stages = (
        *draw(st.lists(names().filter(lambda n: n not in ("published", "dropped")), unique=True)),
        "published",
    )
    thresholds = {
        **{key: draw(limits(key)) for key in LIMIT_KEYS},
        **{key: draw(numbers(key)) for key in NUMBER_KEYS},
        **{
            key: draw(st.builds(time, st.integers(0, 23), st.integers(0, 59))) for key in CLOCK_KEYS
        },
    }
    return Settings(
        database=draw(st.none() | texts().filter(lambda text: ":" not in text)),
        member=draw(st.none() | texts()),
        timezone=draw(st.none() | st.sampled_from(["UTC", "Europe/Berlin", "Asia/Kolkata"])),
        week_start=draw(st.integers(0, len(WEEKDAYS) - 1)),
        date_order=draw(st.sampled_from([None, "dmy", "mdy"])),
        stages=stages,
        platforms=tuple(draw(st.lists(names(), max_size=4))),
        local_words=tuple(draw(st.lists(local_words(), max_size=3))),
        wip_limits=draw(st.dictionaries(st.sampled_from(stages), st.integers(1, 1000))),
        thresholds=ThresholdSettings(**thresholds),
        help_line=draw(st.just("") | texts()),
        prompt_bell=draw(st.booleans()),
        desktop_notifications=draw(st.booleans()),
        keymap=draw(
            st.dictionaries(
                names(), st.sampled_from(["n", "ctrl+n", "question_mark,f1", "pageup,H", "é"])
            )
        ),
    )


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(any_settings())
def test_any_settings_written_out_load_back_the_same(generated: Settings) -> None:
    assert loaded_back(generated) == generated


# --- The keymap ----------------------------------------------------------------------------------


def test_a_keymap_gives_binding_ids_keys_written_as_textual_names_them(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[keymap]\nnew = "ctrl+n"\nhelp = "?, F1"\nmove-left = "Shift+h,shift+Left"\n'
        'today = "."\nfilter = "/"\nclear-filter = "Esc"\npage-up = "PgUp"\n',
    )
    assert load_settings(path).keymap == {
        "new": "ctrl+n",
        "help": "question_mark,f1",
        "move-left": "H,shift+left",
        "today": "full_stop",
        "filter": "slash",
        "clear-filter": "escape",
        "page-up": "pageup",
    }


def test_without_a_keymap_no_key_moves(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, 'member = "ana"\n')).keymap == {}


def test_an_inline_keymap_table_works_too(tmp_path: Path) -> None:
    path = write(tmp_path, 'keymap = { new = "a", quit = "ctrl+x" }\n')
    assert load_settings(path).keymap == {"new": "a", "quit": "ctrl+x"}


@pytest.mark.parametrize(
    ("keys", "reason"),
    [
        ('"banana"', '"banana" is not a key; use one character, or a name such as escape'),
        ('"ctrl+banana"', '"banana" is not a key'),
        ('"f25"', '"f25" is not a key'),
        ('"cmd+x"', '"cmd" in "cmd+x" is not a modifier; use alt, ctrl, hyper, meta, shift, super'),
        ('"ctrl+"', '"ctrl+" ends without a key; write "plus" for the + key'),
        ('""', "a key is missing (two commas in a row, or nothing at all)"),
        ('"n,,m"', "a key is missing (two commas in a row, or nothing at all)"),
        ('"\\u0007"', "is not a key that can be typed"),
    ],
)
def test_a_key_that_is_not_a_key_is_refused_naming_the_file_line_and_binding(
    tmp_path: Path, keys: str, reason: str
) -> None:
    message = refusal(tmp_path, f"# my keys\n[keymap]\nnew = {keys}\n")
    assert message.startswith(f"{tmp_path / 'config.toml'}, line 3: keymap.new: ")
    assert reason in message
    assert "\n" not in message


def test_the_written_settings_hold_the_keymap() -> None:
    lines = [line.strip() for line in settings_to_toml(RICH).splitlines()]
    assert "[keymap]" in lines
    assert 'new = "ctrl+n"' in lines


def test_a_mistake_found_after_loading_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'member = "ana"\n\n[keymap]\nnwe = "x"\n')
    error = config_error(path, ("keymap", "nwe"), 'unknown binding id "nwe"')
    assert str(error) == f'{path}, line 4: keymap.nwe: unknown binding id "nwe".'
    assert str(config_error(None, ("keymap", "x"), "no")) == "keymap.x: no."


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('[checklist]\nConsent = "asked"\n', "an item is a short lowercase word"),
        ('[checklist]\nall = "everything"\n', "not all"),
        ('[checklist]\nconsent = ""\n', "must say why it matters"),
        ("[checklist]\nconsent = 3\n", "must say why it matters"),
        ('checklist = ["consent"]\n', "checklist"),
    ],
)
def test_a_checklist_that_will_not_do_is_refused_in_one_line(text: str, says: str) -> None:
    with pytest.raises(ConfigError, match=says) as caught:
        parse_settings(text, Path("x.toml"))
    assert "\n" not in str(caught.value)


def test_an_empty_checklist_turns_the_gate_off_and_none_keeps_the_defaults() -> None:
    assert parse_settings("checklist = {}\n", Path("x.toml")).checklist == ()
    assert parse_settings("", Path("x.toml")).checklist == DEFAULT_ITEMS
