"""Settings: defaults < the TOML file < environment < command-line flags.

The file lives in the platform's user config directory (``TRACKER_CONFIG`` points elsewhere).
Every mistake in it is reported with the file, the line where we can find it, the key, and what
is allowed, because a typo in a config file should never be a mystery.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from datetime import time
from pathlib import Path
from typing import Any, NamedTuple

from tracker.core.checklist import DEFAULT_ITEMS, ITEM_KEY, Item
from tracker.core.errors import ConfigError, InputError, one_line
from tracker.core.keys import KeyNameError, canonical_keys
from tracker.core.presets import DEFAULT_PRESETS, Preset, parse_aspect
from tracker.core.stages import DEFAULT_STAGES, DROPPED_STAGE, PUBLISHED_STAGE
from tracker.core.sustainability import Limits, ThresholdSettings

APP_NAME = "tracker"
DEFAULT_PLATFORMS = ("youtube", "tiktok", "instagram")
# What a post is about: the categories of the study of clinicians' TikTok posts (the seeds).
DEFAULT_CATEGORIES = ("clinical", "educational", "work-related", "personal", "promotional")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
LIMIT_KEYS = (
    "pause_minutes",
    "day_hours",
    "week_hours",
    "late_night",
    "short_nights",
    "days_in_a_row",
    "wip_edit_review",
    "card_age_days",
    "checkin_score",
    "hours_per_video_rise",
)
NUMBER_KEYS = (
    "pause_gap_minutes",
    "day_job_hours_per_week",
    "sleep_hours",
    "buffer_weeks",
    "checkin_every_days",
    "return_days",
)
CLOCK_KEYS = ("late_night_start", "late_night_end", "wake_time")
CLOCK_PATTERN = re.compile(r"(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
DATE_ORDERS = {"dmy": "day first, 31/12", "mdy": "month first, 12/31"}


class Range(NamedTuple):
    """The values a number in the config may take, and what it counts."""

    low: float
    high: float
    unit: str

    def __str__(self) -> str:
        return f"from {self.low:g} to {self.high:g} ({self.unit})"


# Every number the file can hold, with the range that still means something: a value outside it
# is a typo or a misunderstanding (sleep_hours = 30), and silently honouring it would make the
# signals untrustworthy. For a warn/alert pair both levels share the range.
RANGES: dict[str, Range] = {
    "pause_minutes": Range(5, 600, "minutes"),
    "pause_gap_minutes": Range(1, 60, "minutes"),
    "day_hours": Range(0.5, 24, "hours"),
    "week_hours": Range(1, 168, "hours"),
    "day_job_hours_per_week": Range(0, 80, "hours"),
    "late_night": Range(1, 7, "nights of the last 7"),
    "short_nights": Range(1, 14, "nights in a row"),
    "sleep_hours": Range(4, 12, "hours"),
    "days_in_a_row": Range(1, 60, "days"),
    "wip_edit_review": Range(0, 100, "cards"),
    "card_age_days": Range(1, 365, "days"),
    "checkin_score": Range(0, 100, "points"),
    "hours_per_video_rise": Range(1, 1000, "percent"),
    "buffer_weeks": Range(0, 12, "weeks"),
    "checkin_every_days": Range(1, 365, "days"),
    "return_days": Range(0, 60, "days"),
    "wip_limits": Range(1, 1000, "cards"),
}

TOP_LEVEL_KEYS = {
    "database": "a file path or a postgresql:// URL",
    "member": "your name as it appears on a shared board",
    "help_line": "where to find help, shown under every signal (e.g. your wellbeing service)",
    "prompt_bell": "true to ring the terminal bell with a break prompt",
    "desktop_notifications": "true to also send break prompts to the desktop (notify-send)",
    "timezone": 'an IANA time zone such as "Europe/Berlin"',
    "week_start": 'a weekday name such as "monday"',
    "date_order": '"dmy" or "mdy": how to read a date such as 03/04',
    "stages": 'a list of stage names ending with "published"',
    "platforms": "a list of platform names",
    "categories": "a list of category names for cards (clinical, educational, ...)",
    "local_words": "a list of local names the identifier lint flags (docs/publishing.md)",
    "wip_limits": "a table of stage = whole number",
    "thresholds": "a table of sustainability limits (docs/thresholds.md)",
    "keymap": 'a table of binding-id = "key" or "key1,key2" (docs/configuration.md)',
    "checklist": 'a table of item = "why it matters" (docs/publishing.md); {} for none',
    "presets": "a table of post presets: [presets.tiktok] max_seconds = 600 (docs/publishing.md)",
}


@dataclass(frozen=True)
class Settings:
    """Everything the app needs to know about the person and their board."""

    database: str | None = None
    member: str | None = None
    timezone: str | None = None
    week_start: int = 0
    date_order: str | None = None  # "dmy" or "mdy"; None: never guess which number is the day
    stages: tuple[str, ...] = DEFAULT_STAGES
    platforms: tuple[str, ...] = DEFAULT_PLATFORMS
    categories: tuple[str, ...] = DEFAULT_CATEGORIES
    local_words: tuple[str, ...] = ()  # hospitals, wards, towns: the identifier lint flags them
    wip_limits: dict[str, int] = field(default_factory=dict)
    thresholds: ThresholdSettings = field(default_factory=ThresholdSettings)
    help_line: str = ""
    prompt_bell: bool = False
    desktop_notifications: bool = False
    keymap: dict[str, str] = field(default_factory=dict)  # binding id: "key,key" (Textual names)
    checklist: tuple[Item, ...] = DEFAULT_ITEMS  # the pre-publish checklist; () for none
    presets: tuple[Preset, ...] = DEFAULT_PRESETS  # what each kind of post may hold
    source: Path | None = None

    @property
    def all_stages(self) -> tuple[str, ...]:
        """The board's stages plus ``dropped``, which every board has."""
        return (*self.stages, DROPPED_STAGE)

    def zone_name(self) -> str:
        """The configured time zone, else the system's, else UTC."""
        if self.timezone:
            return self.timezone
        from tzlocal import get_localzone_name

        return get_localzone_name() or "UTC"

    def note(self) -> str:
        """The self-monitoring line, with the configured help line after it."""
        from tracker.core.sustainability import DISCLAIMER

        return f"{DISCLAIMER} {self.help_line}".strip()

    def member_name(self) -> str:
        """Who is logging: the configured name, else the operating system's user name."""
        if self.member:
            return self.member
        import getpass

        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "me"


def config_path() -> Path:
    """Where the config file is read from."""
    override = os.environ.get("TRACKER_CONFIG")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME) / "config.toml"


def load_settings(path: Path | None = None) -> Settings:
    """Read and check the config file; a missing file means all defaults."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the config file ({error}).") from None
    return parse_settings(text, path)


def parse_settings(text: str, path: Path) -> Settings:
    """Turn TOML text into Settings, or raise ConfigError naming the file, line and key."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}.") from None
    problem = _Problems(text, path)
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            allowed = ", ".join(TOP_LEVEL_KEYS)
            raise problem.at((key,), f'unknown key "{key}"; allowed keys are {allowed}')
    values: dict[str, Any] = {"source": path}
    for key in ("database", "member", "timezone", "help_line"):
        if key in data:
            values[key] = problem.string(data, key)
    for key in ("prompt_bell", "desktop_notifications"):
        if key in data:
            if not isinstance(data[key], bool):
                raise problem.at((key,), f"must be true or false: {TOP_LEVEL_KEYS[key]}")
            values[key] = data[key]
    if "timezone" in values:
        _check_zone(values["timezone"], problem)
    if "week_start" in data:
        day = problem.string(data, "week_start").lower()
        if day not in WEEKDAYS:
            raise problem.at(("week_start",), f'"{day}" is not a weekday; use e.g. "monday"')
        values["week_start"] = WEEKDAYS.index(day)
    if "date_order" in data:
        order = problem.string(data, "date_order").lower()
        if order not in DATE_ORDERS:
            allowed = " or ".join(f'"{name}" ({means})' for name, means in DATE_ORDERS.items())
            raise problem.at(("date_order",), f'"{order}" is not a date order; use {allowed}')
        values["date_order"] = order
    if "stages" in data:
        values["stages"] = _stages(problem.names(data, "stages"), problem)
    if "platforms" in data:
        values["platforms"] = problem.names(data, "platforms")
    if "categories" in data:
        values["categories"] = problem.names(data, "categories")
    if "local_words" in data:
        values["local_words"] = _local_words(data["local_words"], problem)
    stages = values.get("stages", DEFAULT_STAGES)
    if "wip_limits" in data:
        values["wip_limits"] = _wip_limits(data["wip_limits"], stages, problem)
    if "thresholds" in data:
        values["thresholds"] = _thresholds(problem.table(data, "thresholds"), problem)
    if "keymap" in data:
        values["keymap"] = _keymap(problem.table(data, "keymap"), problem)
    if "checklist" in data:
        values["checklist"] = _checklist(problem.table(data, "checklist"), problem)
    if "presets" in data:
        values["presets"] = _presets(problem.table(data, "presets"), problem)
    return Settings(**values)


def config_error(source: Path | None, where: tuple[str, ...], message: str) -> ConfigError:
    """A ConfigError about the key at ``where`` in the file the settings came from, with its
    line: for mistakes found after loading, such as a keymap naming a binding that does not
    exist (the binding ids live with the screens, which this module must not import)."""
    if source is None:
        return ConfigError(f"{'.'.join(where)}: {message}.")
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    return _Problems(text, source).at(where, message)


def settings_to_toml(settings: Settings) -> str:
    """The settings in force as a config file that loads back to the same settings.

    tomli-w writes it, so text with quotes or control characters stays valid TOML. Values left
    unset that the app fills in from the system (time zone, member) follow the first line as
    comments: shown, but not pinned should the file be reused. A database password is masked.
    """
    import tomli_w

    from tracker.core.urls import mask_password

    if settings.source is not None:
        lines = [f"# {one_line(str(settings.source))}"]
    else:
        lines = [f"# {one_line(str(config_path()))} (not present: all defaults)"]
    if not settings.timezone:
        lines.append(
            f"# {_toml_line('timezone', settings.zone_name())}  (not set: the system's zone)"
        )
    if not settings.member:
        lines.append(f"# {_toml_line('member', settings.member_name())}  (not set: your user name)")
    if not settings.date_order:
        lines.append(
            "# date_order not set: the day/month order of a date such as 03/04 is never guessed"
        )
    document: dict[str, Any] = {}
    if settings.timezone:
        document["timezone"] = settings.timezone
    if settings.member:
        document["member"] = settings.member
    document["week_start"] = WEEKDAYS[settings.week_start]
    if settings.date_order:
        document["date_order"] = settings.date_order
    document["stages"] = list(settings.stages)
    document["platforms"] = list(settings.platforms)
    document["categories"] = list(settings.categories)
    document["local_words"] = list(settings.local_words)
    if settings.database:
        document["database"] = mask_password(settings.database)
    if settings.help_line:
        document["help_line"] = settings.help_line
    document["prompt_bell"] = settings.prompt_bell
    document["desktop_notifications"] = settings.desktop_notifications
    document["wip_limits"] = dict(settings.wip_limits)
    document["thresholds"] = {
        spec.name: _toml_threshold(getattr(settings.thresholds, spec.name))
        for spec in fields(settings.thresholds)
    }
    document["keymap"] = dict(settings.keymap)
    document["checklist"] = {item.key: item.why for item in settings.checklist}
    document["presets"] = {preset.name: _toml_preset(preset) for preset in settings.presets}
    return "\n".join(lines) + "\n" + tomli_w.dumps(document)


def _toml_preset(preset: Preset) -> dict[str, Any]:
    """A preset's table: its platform and the limits it sets (no key: no limit)."""
    limits = {name: getattr(preset, name) for name in PRESET_LIMITS}
    shown: dict[str, Any] = {"platform": preset.platform}
    shown |= {name: value for name, value in limits.items() if value is not None}
    if preset.aspects:
        shown["aspects"] = list(preset.aspects)
    return shown


def _toml_line(key: str, value: Any) -> str:
    """One ``key = value`` line, escaped by the TOML writer."""
    import tomli_w

    return tomli_w.dumps({key: value}).strip()


def _toml_threshold(value: Limits | float | time) -> Any:
    """A threshold as the file writes it: { warn, alert } or false, a number, or "HH:MM"."""
    if isinstance(value, Limits):
        if not value.enabled:
            return False
        return {"warn": _toml_number(value.warn), "alert": _toml_number(value.alert)}
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return _toml_number(value)


def _toml_number(value: float) -> int | float:
    """Whole numbers without a trailing .0, as a person would write them."""
    number = float(value)
    return int(number) if number.is_integer() else number


def _thresholds(raw: dict[str, Any], problem: _Problems) -> ThresholdSettings:
    """Each limit is a table {warn = .., alert = ..} or false (off); a few are plain values."""
    defaults = ThresholdSettings()
    changes: dict[str, Any] = {}
    for key, value in raw.items():
        where = ("thresholds", key)
        if key in LIMIT_KEYS:
            changes[key] = _limits(key, value, getattr(defaults, key), problem)
        elif key in NUMBER_KEYS:
            changes[key] = _number(value, RANGES[key], where, problem)
        elif key in CLOCK_KEYS:
            changes[key] = _clock(key, value, problem)
        else:
            allowed = ", ".join([*LIMIT_KEYS, *NUMBER_KEYS, *CLOCK_KEYS])
            raise problem.at(where, f'unknown threshold "{key}"; known: {allowed}')
    return replace(defaults, **changes)


def _limits(key: str, value: Any, default: Limits, problem: _Problems) -> Limits:
    where = ("thresholds", key)
    if value is False:
        return replace(default, enabled=False)
    if not isinstance(value, dict):
        hint = "must be false (off) or a table such as { warn = 3, alert = 4 }"
        raise problem.at(where, hint)
    for name in value:
        if name not in ("warn", "alert"):
            raise problem.at(
                (*where, name), f'unknown key "{name}" in thresholds.{key}; use warn and alert'
            )
    levels = {
        name: _number(value[name], RANGES[key], (*where, name), problem)
        if name in value
        else getattr(default, name)
        for name in ("warn", "alert")
    }
    if levels["alert"] < levels["warn"]:
        raise problem.at(where, "the alert level must not be below the warn level")
    return Limits(float(levels["warn"]), float(levels["alert"]))


def _number(value: Any, allowed: Range, where: tuple[str, ...], problem: _Problems) -> float:
    """A number within its range; booleans are not numbers even though Python says so."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise problem.at(where, f"must be a number {allowed}")
    if not allowed.low <= value <= allowed.high:  # also refuses nan
        raise problem.at(where, f"must be {allowed}")
    return float(value)


def _clock(key: str, value: Any, problem: _Problems) -> time:
    """A time of day as hours and minutes; seconds or a UTC offset would only mislead."""
    found = CLOCK_PATTERN.fullmatch(value.strip()) if isinstance(value, str) else None
    if found and int(found["hour"]) < 24 and int(found["minute"]) < 60:
        return time(int(found["hour"]), int(found["minute"]))
    raise problem.at(("thresholds", key), 'must be a time of day in quotes, like "22:00"')


def _keymap(raw: dict[str, Any], problem: _Problems) -> dict[str, str]:
    """binding-id = "key" or "key1,key2": the keys are checked and written as Textual names
    here; whether each id names a binding is checked when the screens start."""
    keymap: dict[str, str] = {}
    for binding_id, keys in raw.items():
        where = ("keymap", binding_id)
        if not isinstance(keys, str):
            raise problem.at(where, 'must be a key in quotes, like "n", or several: "n,ctrl+n"')
        try:
            keymap[binding_id] = canonical_keys(keys)
        except KeyNameError as error:
            raise problem.at(where, str(error)) from None
    return keymap


def _check_zone(name: str, problem: _Problems) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as "Europe"
        raise problem.at(
            ("timezone",), f'unknown time zone "{name}"; use a name like "Europe/Berlin"'
        ) from None


def _stages(names: tuple[str, ...], problem: _Problems) -> tuple[str, ...]:
    if len(set(names)) != len(names):
        raise problem.at(("stages",), "a stage is listed twice; list each stage once")
    if DROPPED_STAGE in names:
        raise problem.at(("stages",), f'leave out "{DROPPED_STAGE}"; every board has it')
    if not names or names[-1] != PUBLISHED_STAGE:
        raise problem.at(("stages",), f'the last stage must be "{PUBLISHED_STAGE}"')
    return names


def _checklist(raw: dict[str, Any], problem: _Problems) -> tuple[Item, ...]:
    """Items of the pre-publish checklist: a short key to tick it by, and why it matters."""
    items = []
    for key, why in raw.items():
        where = ("checklist", key)
        if not ITEM_KEY.fullmatch(key) or key == "all":
            raise problem.at(
                where, "an item is a short lowercase word (letters, digits, -), not all"
            )
        if not isinstance(why, str) or not why.strip():
            raise problem.at(where, 'must say why it matters, e.g. consent = "asked the patient"')
        items.append(Item(key, one_line(why.strip())))
    return tuple(items)


PRESET_LIMITS = ("max_seconds", "max_images", "max_caption", "max_hashtags")
LARGEST_LIMIT = 10**6


def _presets(raw: dict[str, Any], problem: _Problems) -> tuple[Preset, ...]:
    """The default presets, each replaced by a table of the same name, and new ones added:
    ``[presets.tiktok]`` then ``platform``, the limits, ``aspects``."""
    chosen = {preset.name: preset for preset in DEFAULT_PRESETS}
    for name, table in raw.items():
        if not NAME_PATTERN.match(name):
            raise problem.at(("presets", name), "a preset's name is a lowercase word (a-z, 0-9, -)")
        if not isinstance(table, dict):
            raise problem.at(("presets", name), "must be a table: [presets.NAME] then its limits")
        chosen[name] = _preset(name, table, problem)
    return tuple(chosen.values())


def _preset(name: str, table: dict[str, Any], problem: _Problems) -> Preset:
    known = ("platform", "aspects", *PRESET_LIMITS)
    for key in table:
        if key not in known:
            raise problem.at(
                ("presets", name, key), f"is not a preset setting; use {', '.join(known)}"
            )
    platform = table.get("platform")
    if not isinstance(platform, str) or not NAME_PATTERN.match(platform):
        raise problem.at(("presets", name), 'needs platform = "youtube" (a lowercase name)')
    limits: dict[str, int | None] = {}
    for key in PRESET_LIMITS:
        value = table.get(key)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= LARGEST_LIMIT
        ):
            raise problem.at(
                ("presets", name, key), f"must be a whole number from 0 to {LARGEST_LIMIT}"
            )
        limits[key] = value
    aspects = table.get("aspects", [])
    if not isinstance(aspects, list) or not all(isinstance(item, str) for item in aspects):
        raise problem.at(("presets", name, "aspects"), 'must be a list like ["9:16", "1:1"]')
    try:
        shapes = tuple(parse_aspect(item) for item in aspects)
    except InputError as error:
        raise problem.at(("presets", name, "aspects"), str(error).rstrip(".")) from None
    return Preset(name, platform, aspects=shapes, **limits)


def _local_words(raw: Any, problem: _Problems) -> tuple[str, ...]:
    """Words and phrases the identifier lint flags wherever they stand (a hospital, a ward, a
    town), kept with their spacing made single. A blank entry, or one without a letter or a
    digit, would flag nothing or every dash, so it is refused rather than guessed at."""
    where = ("local_words",)
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise problem.at(
            where, 'must be a list of words in quotes, like ["St Elsewhere", "Eastvale"]'
        )
    words: list[str] = []
    for item in raw:
        word = " ".join(item.split())
        if not any(char.isalnum() for char in word):
            raise problem.at(
                where, f'"{item}" is not a word or phrase: each needs a letter or a digit'
            )
        if any(unicodedata.category(char) == "Cc" for char in word):
            raise problem.at(where, f'"{item}" holds a control character; write it as plain text')
        words.append(word)
    return tuple(words)


def _wip_limits(raw: Any, stages: tuple[str, ...], problem: _Problems) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise problem.at(("wip_limits",), "must be a table: [wip_limits] then edit = 3")
    allowed = RANGES["wip_limits"]
    limits: dict[str, int] = {}
    for stage, limit in raw.items():
        where = ("wip_limits", stage)
        if stage not in stages:
            raise problem.at(where, f'"{stage}" is not a stage; stages are {", ".join(stages)}')
        if isinstance(limit, bool) or not isinstance(limit, int):
            raise problem.at(where, f"must be a whole number {allowed}")
        if not allowed.low <= limit <= allowed.high:
            raise problem.at(where, f"must be a whole number {allowed}")
        limits[stage] = limit
    return limits


_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_KEY = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER_LINE = re.compile(rf"^\s*\[\[?\s*(?P<key>{_KEY})\s*\]")
_KEY_LINE = re.compile(rf"^\s*(?P<key>{_KEY})\s*=")


class _Problems:
    """Builds ConfigErrors that point at the line of the offending key."""

    def __init__(self, text: str, path: Path) -> None:
        self.lines = text.splitlines()
        self.path = path

    def at(self, path: tuple[str, ...], message: str) -> ConfigError:
        """An error for the key at ``path`` (table names first), e.g. ("thresholds", "x")."""
        line = self._line_of(path)
        where = f"{self.path}, line {line}" if line else str(self.path)
        return ConfigError(f"{where}: {'.'.join(path)}: {message}.")

    def _line_of(self, path: tuple[str, ...]) -> int | None:
        """The line that names most of ``path``: its header, its key, or its inline table."""
        best: tuple[int, int] | None = None  # (how much of the path, line number)
        table: tuple[str, ...] = ()
        for number, line in enumerate(self.lines, start=1):
            header = _HEADER_LINE.match(line)
            if header:
                table = _key_parts(header["key"])
                found = table
            else:
                key = _KEY_LINE.match(line)
                if not key:
                    continue
                found = (*table, *_key_parts(key["key"]))
            if found and path[: len(found)] == found and (best is None or len(found) > best[0]):
                best = (len(found), number)
        return best[1] if best else None

    def string(self, data: dict[str, Any], key: str) -> str:
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            raise self.at((key,), f"must be text in quotes: {TOP_LEVEL_KEYS[key]}")
        return value.strip()

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        value = data[key]
        if not isinstance(value, dict):
            raise self.at((key,), f"must be a table: [{key}]")
        return value

    def names(self, data: dict[str, Any], key: str) -> tuple[str, ...]:
        value = data[key]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.at((key,), 'must be a list of names in quotes, like ["a", "b"]')
        names = tuple(item.strip().lower() for item in value)
        for name in names:
            if not NAME_PATTERN.match(name):
                raise self.at(
                    (key,), f'"{name}" is not a usable name; use lowercase letters, digits, -, _'
                )
        return names


def _key_parts(key: str) -> tuple[str, ...]:
    """The names in a (dotted, maybe quoted) TOML key as written on a line."""
    import tomllib

    parts: list[str] = []
    for part in re.findall(_KEY_PART, key):
        if part.startswith("'"):
            parts.append(part[1:-1])
        elif part.startswith('"'):
            try:
                parts.append(tomllib.loads(f"k = {part}")["k"])
            except tomllib.TOMLDecodeError:
                parts.append(part[1:-1])
        else:
            parts.append(part)
    return tuple(parts)
