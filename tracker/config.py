"""Settings: defaults < the TOML file < environment < command-line flags.

The file lives in the platform's user config directory (``TRACKER_CONFIG`` points elsewhere).
Every mistake in it is reported with the file, the line where we can find it, the key, and what
is allowed, because a typo in a config file should never be a mystery.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path
from typing import Any

from tracker.core.errors import ConfigError
from tracker.core.stages import DEFAULT_STAGES, DROPPED_STAGE, PUBLISHED_STAGE
from tracker.core.sustainability import Limits, ThresholdSettings

APP_NAME = "tracker"
DEFAULT_PLATFORMS = ("youtube", "tiktok", "instagram")
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
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")

TOP_LEVEL_KEYS = {
    "database": "a file path or a postgresql:// URL",
    "member": "your name as it appears on a shared board",
    "help_line": "where to find help, shown under every signal (e.g. your wellbeing service)",
    "prompt_bell": "true to ring the terminal bell with a break prompt",
    "desktop_notifications": "true to also send break prompts to the desktop (notify-send)",
    "timezone": 'an IANA time zone such as "Europe/Berlin"',
    "week_start": 'a weekday name such as "monday"',
    "stages": 'a list of stage names ending with "published"',
    "platforms": "a list of platform names",
    "wip_limits": "a table of stage = whole number",
    "thresholds": "a table of sustainability limits (docs/thresholds.md)",
}


@dataclass(frozen=True)
class Settings:
    """Everything the app needs to know about the person and their board."""

    database: str | None = None
    member: str | None = None
    timezone: str | None = None
    week_start: int = 0
    stages: tuple[str, ...] = DEFAULT_STAGES
    platforms: tuple[str, ...] = DEFAULT_PLATFORMS
    wip_limits: dict[str, int] = field(default_factory=dict)
    thresholds: ThresholdSettings = field(default_factory=ThresholdSettings)
    help_line: str = ""
    prompt_bell: bool = False
    desktop_notifications: bool = False
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
            raise problem.at(key, None, f'unknown key "{key}"; allowed keys are {allowed}')
    values: dict[str, Any] = {"source": path}
    for key in ("database", "member", "timezone", "help_line"):
        if key in data:
            values[key] = problem.string(data, key)
    for key in ("prompt_bell", "desktop_notifications"):
        if key in data:
            if not isinstance(data[key], bool):
                raise problem.at(key, None, f"must be true or false: {TOP_LEVEL_KEYS[key]}")
            values[key] = data[key]
    if "timezone" in values:
        _check_zone(values["timezone"], problem)
    if "week_start" in data:
        day = problem.string(data, "week_start").lower()
        if day not in WEEKDAYS:
            raise problem.at("week_start", None, f'"{day}" is not a weekday; use e.g. "monday"')
        values["week_start"] = WEEKDAYS.index(day)
    if "stages" in data:
        values["stages"] = _stages(problem.names(data, "stages"), problem)
    if "platforms" in data:
        values["platforms"] = problem.names(data, "platforms")
    stages = values.get("stages", DEFAULT_STAGES)
    if "wip_limits" in data:
        values["wip_limits"] = _wip_limits(data["wip_limits"], stages, problem)
    if "thresholds" in data:
        values["thresholds"] = _thresholds(problem.table(data, "thresholds"), problem)
    return Settings(**values)


def _thresholds(raw: dict[str, Any], problem: _Problems) -> ThresholdSettings:
    """Each limit is a table {warn = .., alert = ..} or false (off); a few are plain values."""
    defaults = ThresholdSettings()
    changes: dict[str, Any] = {}
    for key, value in raw.items():
        if key in LIMIT_KEYS:
            changes[key] = _limits(key, value, getattr(defaults, key), problem)
        elif key in NUMBER_KEYS:
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise problem.at(key, "thresholds", "must be a number of 0 or more")
            changes[key] = float(value)
        elif key in CLOCK_KEYS:
            changes[key] = _clock(key, value, problem)
        else:
            allowed = ", ".join([*LIMIT_KEYS, *NUMBER_KEYS, *CLOCK_KEYS])
            raise problem.at(key, "thresholds", f'unknown threshold "{key}"; known: {allowed}')
    return replace(defaults, **changes)


def _limits(key: str, value: Any, default: Limits, problem: _Problems) -> Limits:
    if value is False:
        return replace(default, enabled=False)
    hint = "must be false (off) or a table such as { warn = 3, alert = 4 }"
    if not isinstance(value, dict) or set(value) - {"warn", "alert"}:
        raise problem.at(key, "thresholds", hint)
    warn, alert = value.get("warn", default.warn), value.get("alert", default.alert)
    for number in (warn, alert):
        if isinstance(number, bool) or not isinstance(number, int | float) or number < 0:
            raise problem.at(key, "thresholds", hint)
    if alert < warn:
        raise problem.at(key, "thresholds", "the alert level must not be below the warn level")
    return Limits(float(warn), float(alert))


def _clock(key: str, value: Any, problem: _Problems) -> time:
    if isinstance(value, str):
        try:
            return time.fromisoformat(value)
        except ValueError:
            pass
    raise problem.at(key, "thresholds", 'must be a time of day in quotes, like "22:00"')


def _check_zone(name: str, problem: _Problems) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as "Europe"
        raise problem.at(
            "timezone", None, f'unknown time zone "{name}"; use a name like "Europe/Berlin"'
        ) from None


def _stages(names: tuple[str, ...], problem: _Problems) -> tuple[str, ...]:
    if len(set(names)) != len(names):
        raise problem.at("stages", None, "a stage is listed twice; list each stage once")
    if DROPPED_STAGE in names:
        raise problem.at("stages", None, f'leave out "{DROPPED_STAGE}"; every board has it')
    if not names or names[-1] != PUBLISHED_STAGE:
        raise problem.at("stages", None, f'the last stage must be "{PUBLISHED_STAGE}"')
    return names


def _wip_limits(raw: Any, stages: tuple[str, ...], problem: _Problems) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise problem.at("wip_limits", None, "must be a table: [wip_limits] then edit = 3")
    limits: dict[str, int] = {}
    for stage, limit in raw.items():
        if stage not in stages:
            raise problem.at(
                stage, "wip_limits", f'"{stage}" is not a stage; stages are {", ".join(stages)}'
            )
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise problem.at(stage, "wip_limits", "must be a whole number of at least 1")
        limits[stage] = limit
    return limits


class _Problems:
    """Builds ConfigErrors that point at the line of the offending key."""

    def __init__(self, text: str, path: Path) -> None:
        self.lines = text.splitlines()
        self.path = path

    def at(self, key: str, table: str | None, message: str) -> ConfigError:
        line = self._line_of(key, table)
        where = f"{self.path}, line {line}" if line else str(self.path)
        name = f"{table}.{key}" if table else key
        return ConfigError(f"{where}: {name}: {message}.")

    def _line_of(self, key: str, table: str | None) -> int | None:
        current: str | None = None
        key_line = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number, line in enumerate(self.lines, start=1):
            header = re.match(r"^\s*\[([^\]]+)\]", line)
            if header:
                current = header.group(1).strip()
                if current == key and table is None:
                    return number
                continue
            if current == table and key_line.match(line):
                return number
        return None

    def string(self, data: dict[str, Any], key: str) -> str:
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            raise self.at(key, None, f"must be text in quotes: {TOP_LEVEL_KEYS[key]}")
        return value.strip()

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        value = data[key]
        if not isinstance(value, dict):
            raise self.at(key, None, f"must be a table: [{key}]")
        return value

    def names(self, data: dict[str, Any], key: str) -> tuple[str, ...]:
        value = data[key]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.at(key, None, 'must be a list of names in quotes, like ["a", "b"]')
        names = tuple(item.strip().lower() for item in value)
        for name in names:
            if not NAME_PATTERN.match(name):
                raise self.at(
                    key,
                    None,
                    f'"{name}" is not a usable name; use lowercase letters, digits, -, _',
                )
        return names
