"""Sustainability signals: from what was logged, which limits are near or crossed, and since when.

Pure: the facts (work intervals, cards on the board, the clock) go in, a list of signals comes
out, so the TUI, ``tracker status`` and the weekly review can never disagree. The defaults and
where each comes from are in docs/thresholds.md. Everything here is self-monitoring, not a
diagnosis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from statistics import mean, median

WARN = "warn"
ALERT = "alert"
DISCLAIMER = (
    "Self-monitoring only — not a medical assessment. If you are struggling, talk to someone "
    "you trust or a professional."
)


@dataclass(frozen=True)
class Limits:
    """A warn and an alert level for one threshold; ``enabled`` False switches it off."""

    warn: float
    alert: float
    enabled: bool = True


@dataclass(frozen=True)
class ThresholdSettings:
    """The defaults of THRESHOLDS.md; every one configurable in the config's [thresholds]."""

    pause_minutes: Limits = Limits(50, 90)
    pause_gap_minutes: float = 5
    day_hours: Limits = Limits(3, 4)
    week_hours: Limits = Limits(48, 55)  # day job + creator: 4-week mean warns, the week alerts
    day_job_hours_per_week: float = 40
    late_night: Limits = Limits(1, 3)  # nights with work in the window, of the last 7
    late_night_start: time = time(22, 0)
    late_night_end: time = time(5, 0)
    short_nights: Limits = Limits(1, 2)  # nights in a row leaving less sleep than asked
    wake_time: time = time(6, 30)
    sleep_hours: float = 7
    days_in_a_row: Limits = Limits(7, 13)
    wip_edit_review: Limits = Limits(3, 5)  # more cards than this
    card_age_days: Limits = Limits(14, 30)
    checkin_score: Limits = Limits(50, 75)  # the higher of the two check-in scales
    hours_per_video_rise: Limits = Limits(50, 100)  # percent, last 4 weeks vs 12 before
    buffer_weeks: float = 1  # finished videos in weeks of one's pace; fewer warns (0: off)
    checkin_every_days: float = 28  # how often the check-in is offered
    return_days: float = 7  # after a planned break, output signals stay quiet this long


@dataclass(frozen=True)
class Work:
    """One stretch of logged work; ``end`` is None while its timer runs."""

    start: datetime
    end: datetime | None


@dataclass(frozen=True)
class Card:
    """A card on the board, with when it entered the stage it is in."""

    number: int
    title: str
    stage: str
    in_stage_since: datetime


@dataclass(frozen=True)
class Published:
    """A published video: when, and the hours logged on it."""

    at: datetime
    hours: float


@dataclass(frozen=True)
class Facts:
    """What the signals are computed from. ``now`` is aware, in the person's zone."""

    now: datetime
    work: tuple[Work, ...] = ()
    cards: tuple[Card, ...] = ()
    wip_limits: dict[str, int] = field(default_factory=dict)
    pauses: tuple[Work, ...] = ()  # planned breaks, from start to end
    checkin_score: float | None = None  # the latest check-in's higher scale score
    checkin_at: datetime | None = None
    published: tuple[Published, ...] = ()
    ready: int = 0  # finished videos waiting to be published (the buffer)
    week_start: int = 0  # the weekday weeks begin on, Monday = 0
    due_soon: int = 0  # unfinished videos due within two days


@dataclass(frozen=True)
class Signal:
    """A threshold near or crossed: which, how far, the limit, since when, and in plain words.

    ``episode`` names this crossing (the session, the day, the week, the night...), so that a
    prompt answered for it is not repeated.
    """

    key: str
    level: str
    value: float
    limit: float
    unit: str
    since: datetime | None
    message: str
    episode: str = ""


def evaluate(facts: Facts, settings: ThresholdSettings) -> list[Signal]:
    """Every signal the facts raise, alerts first."""
    zone = facts.now.tzinfo
    assert zone is not None, "now must be time-zone aware"
    spans = _spans(facts)
    found: list[Signal | None] = [
        _pause(spans, facts.now, settings),
        _day_hours(spans, facts.now, settings),
        _week_hours(spans, facts, settings),
        _late_nights(spans, facts.now, settings),
        _short_nights(spans, facts.now, settings),
        _days_in_a_row(facts, spans, settings),
        _wip(facts, settings),
        *_stage_limits(facts),
        _checkin(facts, settings),
    ]
    if not _easing_back(facts, settings):
        found += [
            _ageing(facts, settings),
            _hours_per_video(facts, settings),
            _buffer(facts, settings),
        ]
    signals = [signal for signal in found if signal is not None]
    return sorted(signals, key=lambda signal: signal.level != ALERT)


# --- the thresholds ---------------------------------------------------------------------------


def _pause(spans: list[Span], now: datetime, settings: ThresholdSettings) -> Signal | None:
    """Work without a pause: the session going on now (gaps shorter than a few minutes join)."""
    limits = settings.pause_minutes
    gap = timedelta(minutes=settings.pause_gap_minutes)
    sessions = _sessions(spans, gap)
    if not limits.enabled or not sessions or sessions[-1][1] < now - gap:
        return None
    start = sessions[-1][0]
    minutes = (now.astimezone(UTC) - start).total_seconds() / 60
    return _level(
        "pause",
        minutes,
        limits,
        "min",
        lambda limit: (start + timedelta(minutes=limit)).astimezone(now.tzinfo),
        lambda level, limit: (
            f"You have worked {minutes:.0f} minutes without a pause; a break is suggested "
            f"{'now' if level == ALERT else 'soon'} (limit {limit:.0f} min)."
        ),
        f"session from {start.astimezone(now.tzinfo):%Y-%m-%d %H:%M}",
    )


def _day_hours(spans: list[Span], now: datetime, settings: ThresholdSettings) -> Signal | None:
    hours = _hours_between(spans, *_day_bounds(now, now.date()))
    return _level(
        "day_hours",
        hours,
        settings.day_hours,
        "h",
        None,
        lambda _level, limit: f"{hours:.1f} h of video work today (limit {limit:g} h).",
        f"day {now.date()}",
    )


def _week_hours(spans: list[Span], facts: Facts, settings: ThresholdSettings) -> Signal | None:
    """The day job plus creator hours: this week against the alert, 4 weeks' mean the warning.

    Weeks are the configured ones (``week_start``), the same weeks as "This week" on the status
    line, the time log and the charts, so the signal's hours are the hours shown there.
    """
    limits = settings.week_hours
    if not limits.enabled:
        return None
    job = settings.day_job_hours_per_week
    now = facts.now
    first_day = now.date() - timedelta(days=(now.weekday() - facts.week_start) % 7)
    weeks = [
        job + _hours_between(spans, *_span_bounds(now, first_day - timedelta(weeks=back), 7))
        for back in range(4)
    ]
    this_week, average = weeks[0], mean(weeks)
    if this_week >= limits.alert:
        return Signal(
            "week_hours",
            ALERT,
            this_week,
            limits.alert,
            "h",
            None,
            f"{this_week:.0f} h this week with your day job ({job:g} h); long working weeks "
            f"(55 h or more) are linked to higher stroke and heart disease risk "
            f"(limit {limits.alert:g} h).",
            f"week of {first_day}",
        )
    if average > limits.warn:
        return Signal(
            "week_hours",
            WARN,
            average,
            limits.warn,
            "h",
            None,
            f"{average:.0f} h a week on average over 4 weeks with your day job "
            f"(limit {limits.warn:g} h).",
            f"week of {first_day}",
        )
    return None


def _late_nights(spans: list[Span], now: datetime, settings: ThresholdSettings) -> Signal | None:
    """Nights (of the last 7) with work in the late window; the latest one warns."""
    limits = settings.late_night
    if not limits.enabled:
        return None
    latest_evening = _latest_late_evening(now, settings)
    recent = [latest_evening - timedelta(days=back) for back in range(7)]
    nights = [night for night in recent if _late_work(spans, now, night, settings)]
    count = len(nights)
    latest = recent[0]
    if count >= limits.alert:
        return Signal(
            "late_night",
            ALERT,
            count,
            limits.alert,
            "nights",
            None,
            f"Work after {settings.late_night_start:%H:%M} on {count} of the last 7 nights "
            f"(limit {limits.alert:g}).",
            f"late nights from {min(nights)}",
        )
    if latest in nights and count >= limits.warn:
        return Signal(
            "late_night",
            WARN,
            count,
            limits.warn,
            "nights",
            None,
            f"Working after {settings.late_night_start:%H:%M}: late work costs sleep and "
            "energy the next day.",
            f"night of {latest}",
        )
    return None


def _short_nights(spans: list[Span], now: datetime, settings: ThresholdSettings) -> Signal | None:
    """Nights in a row whose work ended too late to leave the sleep asked for."""
    limits = settings.short_nights
    if not limits.enabled:
        return None
    bedtime = _clock_minus(settings.wake_time, timedelta(hours=settings.sleep_hours))
    nights = _recent_nights(now, 14, bedtime)
    in_a_row = 0
    for night in nights:
        if not _short_night(spans, now, night, settings):
            break
        in_a_row += 1
    night = nights[0]
    return _level(
        "short_nights",
        in_a_row,
        limits,
        "nights",
        None,
        lambda _level, _limit: (
            f"Work in the {settings.sleep_hours:g} h before your {settings.wake_time:%H:%M} "
            f"wake time on {in_a_row} night(s) in a row; adults need at least 7 h of sleep."
        ),
        f"night of {night}",
    )


def _days_in_a_row(facts: Facts, spans: list[Span], settings: ThresholdSettings) -> Signal | None:
    """Days in a row with work logged, up to today (or yesterday, if today is still free).

    A day is a rest day only when no work was logged on it: a planned break with work logged
    in it anyway counts as a working day, since working through planned rest is the riskier
    case, and an hour's break does not make its day a day off.
    """
    now = facts.now
    worked = _days_with_work(spans, now)
    day = now.date() if now.date() in worked else now.date() - timedelta(days=1)
    count, first = 0, day
    while day in worked:
        count, first = count + 1, day
        day -= timedelta(days=1)
    return _level(
        "days_in_a_row",
        count,
        settings.days_in_a_row,
        "days",
        None,
        lambda _level, limit: (
            f"{count} days in a row with work logged; a full day off every week helps "
            f"you recover (limit {limit:g})."
        ),
        f"run from {first}",
    )


def _wip(facts: Facts, settings: ThresholdSettings) -> Signal | None:
    count = sum(card.stage in ("edit", "review") for card in facts.cards)
    limits = settings.wip_edit_review
    if not limits.enabled or count <= limits.warn:
        return None
    level, limit = (ALERT, limits.alert) if count > limits.alert else (WARN, limits.warn)
    return Signal(
        "wip",
        level,
        count,
        limit,
        "cards",
        None,
        f"{count} videos in edit and review at once (limit {limit:g}); finishing one before "
        "starting another shortens the wait for all of them.",
        f"day {facts.now.date()}",
    )


def _stage_limits(facts: Facts) -> list[Signal]:
    """Stages holding more cards than their configured WIP limit."""
    signals = []
    for stage, limit in facts.wip_limits.items():
        count = sum(card.stage == stage for card in facts.cards)
        if count > limit:
            signals.append(
                Signal(
                    f"wip_{stage}",
                    WARN,
                    count,
                    limit,
                    "cards",
                    None,
                    f"{count} cards in {stage}, over its limit of {limit}.",
                    f"day {facts.now.date()}",
                )
            )
    return signals


def _ageing(facts: Facts, settings: ThresholdSettings) -> Signal | None:
    """The card waiting longest in edit or review."""
    waiting = [card for card in facts.cards if card.stage in ("edit", "review")]
    if not waiting:
        return None
    oldest = min(waiting, key=lambda card: card.in_stage_since)
    days = (facts.now.astimezone(UTC) - oldest.in_stage_since).total_seconds() / 86400
    return _level(
        "card_age",
        days,
        settings.card_age_days,
        "days",
        None,
        lambda _level, limit: (
            f"#{oldest.number} {oldest.title} has been in {oldest.stage} for {days:.0f} days "
            f"(limit {limit:g})."
        ),
        f"#{oldest.number} in {oldest.stage} since {oldest.in_stage_since:%Y-%m-%d}",
    )


def _easing_back(facts: Facts, settings: ThresholdSettings) -> bool:
    """During a planned break, and for ``return_days`` after it, the output side rests too:
    cards that waited, the buffer and the hours-per-video trend say nothing. The limits on
    work itself (pauses, hours, nights) stay as they are."""
    now = facts.now.astimezone(UTC)
    grace = timedelta(days=settings.return_days)
    return any(start <= now < end + grace for start, end in _spans_of(facts.pauses, facts.now))


def _checkin(facts: Facts, settings: ThresholdSettings) -> Signal | None:
    """The latest check-in's score, compared with the bands used for the instrument."""
    if facts.checkin_score is None or facts.checkin_at is None:
        return None
    taken = facts.checkin_at
    return _level(
        "checkin",
        facts.checkin_score,
        settings.checkin_score,
        "score",
        None,
        lambda level, limit: (
            f"Your last check-in scored {facts.checkin_score:.0f} (band from {limit:g}): "
            + (
                "please consider talking to a professional or someone you trust."
                if level == ALERT
                else "consider lightening the load for a while."
            )
        ),
        f"check-in {taken:%Y-%m-%d %H:%M}",
    )


def _hours_per_video(facts: Facts, settings: ThresholdSettings) -> Signal | None:
    """Median hours per published video over the last 4 weeks against the 12 weeks before."""
    limits = settings.hours_per_video_rise
    now = facts.now.astimezone(UTC)
    recent = [p.hours for p in facts.published if now - p.at <= timedelta(weeks=4)]
    before = [
        p.hours for p in facts.published if timedelta(weeks=4) < now - p.at <= timedelta(weeks=16)
    ]
    if not limits.enabled or len(recent) < 2 or len(before) < 2 or median(before) <= 0:
        return None
    now_median, base = median(recent), median(before)
    rise = (now_median / base - 1) * 100
    return _level(
        "hours_per_video",
        rise,
        limits,
        "%",
        None,
        lambda _level, limit: (
            f"Each published video took {now_median:.1f} h lately against {base:.1f} h "
            f"before (+{rise:.0f} %, limit +{limit:g} %): more hours, not more output."
        ),
        f"weeks to {facts.now.date()}",
    )


def _buffer(facts: Facts, settings: ThresholdSettings) -> Signal | None:
    """Finished videos waiting, in weeks of the person's own publishing pace."""
    enough = settings.buffer_weeks
    now = facts.now.astimezone(UTC)
    per_week = sum(now - p.at <= timedelta(weeks=12) for p in facts.published) / 12
    if enough <= 0 or per_week == 0:
        return None
    weeks = facts.ready / per_week
    if facts.ready == 0 and facts.due_soon:
        return Signal(
            "buffer",
            ALERT,
            0,
            0,
            "weeks",
            None,
            f"No finished video is waiting and {facts.due_soon} due within two days: a thin "
            "buffer is what pushes work into late nights.",
            f"day {facts.now.date()}",
        )
    if weeks < enough:
        return Signal(
            "buffer",
            WARN,
            weeks,
            enough,
            "weeks",
            None,
            f"{facts.ready} finished video(s) waiting, {weeks:.1f} weeks at your pace of "
            f"{per_week:.1f} a week (suggested: at least {enough:g}).",
            f"day {facts.now.date()}",
        )
    return None


# --- helpers ----------------------------------------------------------------------------------

Span = tuple[datetime, datetime]


def _spans(facts: Facts) -> list[Span]:
    return _spans_of(facts.work, facts.now)


def _spans_of(stretches: Iterable[Work], now: datetime) -> list[Span]:
    """Stretches as (start, end) in UTC, one without an end lasting until now, in order.

    Arithmetic happens in UTC: Python subtracts two times of one zone by their wall clocks,
    which is an hour off across a change of clocks.
    """
    spans = [
        (work.start.astimezone(UTC), (work.end or now).astimezone(UTC))
        for work in stretches
        if (work.end or now) > work.start
    ]
    return sorted(spans)


def _sessions(spans: list[Span], gap: timedelta) -> list[Span]:
    """Work joined into sessions wherever the pause between two spans is shorter than ``gap``."""
    sessions: list[list[datetime]] = []
    for start, end in spans:
        if sessions and start - sessions[-1][1] < gap:
            sessions[-1][1] = max(sessions[-1][1], end)
        else:
            sessions.append([start, end])
    return [(start, end) for start, end in sessions]


def _level(
    key: str,
    value: float,
    limits: Limits,
    unit: str,
    since: Callable[[float], datetime] | None,
    describe: Callable[[str, float], str],
    episode: str,
) -> Signal | None:
    """The signal for ``value`` against ``limits``: alert at or over alert, warn at or over warn."""
    if not limits.enabled or value < limits.warn:
        return None
    level, limit = (ALERT, limits.alert) if value >= limits.alert else (WARN, limits.warn)
    moment = since(limit) if since is not None else None
    return Signal(key, level, value, limit, unit, moment, describe(level, limit), episode)


def _day_bounds(now: datetime, day: date) -> tuple[datetime, datetime]:
    return _span_bounds(now, day, 1)


def _span_bounds(now: datetime, first: date, days: int) -> tuple[datetime, datetime]:
    """Local midnight before ``first`` to local midnight ``days`` later, in UTC."""
    return _instant(now, first, time(0)), _instant(now, first + timedelta(days=days), time(0))


def _instant(now: datetime, day: date, clock: time) -> datetime:
    """A wall-clock time on ``day`` in ``now``'s zone, as a UTC instant."""
    return datetime.combine(day, clock, tzinfo=now.tzinfo).astimezone(UTC)


def _hours_between(spans: list[Span], start: datetime, end: datetime) -> float:
    """Hours of ``spans`` (sorted by start) inside ``[start, end)``."""
    seconds = 0.0
    for span_start, span_end in spans:
        if span_start >= end:
            break  # sorted by start: no later span can reach back into the period
        seconds += max(0.0, (min(span_end, end) - max(span_start, start)).total_seconds())
    return seconds / 3600


def _clock_minus(clock: time, span: timedelta) -> time:
    """A time of day ``span`` earlier, wrapping past midnight (06:30 less 7 h is 23:30)."""
    return (datetime.combine(date(2000, 1, 2), clock) - span).time()


def _recent_nights(now: datetime, count: int, begins: time) -> list[date]:
    """The evenings of the last ``count`` nights, newest first; tonight counts once it is
    past ``begins`` (the start of the late window, or the latest time to stop for sleep)."""
    latest = now.date() if now.time() >= begins else now.date() - timedelta(days=1)
    return [latest - timedelta(days=back) for back in range(count)]


def _late_window(now: datetime, evening: date, settings: ThresholdSettings) -> Span:
    """The late window of the night that began on ``evening``; one that starts after midnight
    (00:30 to 05:00) lies on the following morning."""
    window_start, window_end = settings.late_night_start, settings.late_night_end
    first = evening if window_start > window_end else evening + timedelta(days=1)
    return (
        _instant(now, first, window_start),
        _instant(now, evening + timedelta(days=1), window_end),
    )


def _late_work(
    spans: list[Span], now: datetime, evening: date, settings: ThresholdSettings
) -> bool:
    return _hours_between(spans, *_late_window(now, evening, settings)) > 0


def _latest_late_evening(now: datetime, settings: ThresholdSettings) -> date:
    """The evening of the most recent night whose late window has begun."""
    evening = now.date()
    while _late_window(now, evening, settings)[0] > now.astimezone(UTC):
        evening -= timedelta(days=1)
    return evening


def _short_night(
    spans: list[Span], now: datetime, evening: date, settings: ThresholdSettings
) -> bool:
    """Whether any work on the night starting ``evening`` fell in the ``sleep_hours`` before
    wake time: work that ends too late and work that starts too early both cut the night."""
    wake = _instant(now, evening + timedelta(days=1), settings.wake_time)
    return _hours_between(spans, wake - timedelta(hours=settings.sleep_hours), wake) > 0


def _days_with_work(spans: list[Span], now: datetime) -> set[date]:
    """The local days on which some work was logged."""
    zone = now.tzinfo
    days: set[date] = set()
    for start, end in spans:
        day = start.astimezone(zone).date()
        while day <= end.astimezone(zone).date():
            if _hours_between([(start, end)], *_day_bounds(now, day)) > 0:
                days.add(day)
            day += timedelta(days=1)
    return days
