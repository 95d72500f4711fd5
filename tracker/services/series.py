"""Series: numbered posts on a rhythm (an unknown case every Wednesday, its answer on Friday).

Planning makes the cards ahead of time, numbered from the series' case counter; a week is
found planned by its question card's due day, so planning twice never duplicates (a card
removed on purpose is not made again). A past week without a published question is missed,
and said so wherever the series is shown.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_
from sqlmodel import Session, col, func, select

from tracker.core.cadence import (
    Cadence,
    first_slot,
    parse_answer_after,
    parse_cadence,
    parse_post_time,
    slots,
)
from tracker.core.errors import ConflictError, InputError, NotFoundError, one_line
from tracker.core.stages import DROPPED_STAGE, PUBLISHED_STAGE
from tracker.core.when import localize
from tracker.db.models import Series, Video
from tracker.services.board import LARGEST_NUMBER, new_video
from tracker.services.context import Context

MAX_NAME_LENGTH = 120
MAX_HASHTAG_LENGTH = 100
HASHTAG = re.compile(r"#\w{1,99}")
LONGEST_PLAN_WEEKS = 104
MISSED_SHOWN = 52  # weeks back a missed slot is still worth saying


@dataclass(frozen=True)
class Slot:
    """One day the series posts on, and what became of its question card."""

    day: date
    case_number: int | None  # None: nothing was planned for it
    card: int | None  # the question card's number
    answer_card: int | None
    state: str  # published, missed, due, planned, unplanned, dropped


@dataclass(frozen=True)
class SeriesView:
    name: str
    hashtag: str
    cadence: str
    post_time: str
    answer_after_hours: int | None
    first_on: date
    last_case: int
    planned_until: date | None  # the last day a question is planned for
    next_slot: Slot | None  # the first slot from today that is not published
    missed: tuple[date, ...]  # past slots with no published question, most recent last

    @property
    def rhythm(self) -> str:
        """``every Wed at 09:00, answer 48h later``."""
        answer = f", answer {self.answer_after_hours}h later" if self.answer_after_hours else ""
        return f"{self.cadence} at {self.post_time}{answer}"


@dataclass(frozen=True)
class PlanResult:
    series: str
    made: tuple[tuple[int, str, date], ...]  # card number, title, due day
    already: int  # slots in the window that were planned before


def add_series(
    session: Session,
    ctx: Context,
    name: str,
    every: str,
    *,
    answer_after: str | None = None,
    hashtag: str = "",
    at: str = "09:00",
    first: date | None = None,
    next_case: int = 1,
) -> SeriesView:
    """A new series; its first post falls on ``first`` or the first cadence day from today.
    ``next_case`` continues the numbering of a series that ran before tracker."""
    cleaned = _check_name(name)
    if not 1 <= next_case <= LARGEST_NUMBER:
        raise InputError(f"The next case number is a whole number from 1 to {LARGEST_NUMBER}.")
    if _find(session, cleaned) is not None:
        raise ConflictError(f'A series named "{cleaned}" exists; `tracker series ls` lists them.')
    cadence = parse_cadence(every)
    values: dict[str, Any] = {
        "hashtag": _check_hashtag(hashtag),
        "weekday": cadence.weekday,
        "every_days": cadence.days,
        "post_time": parse_post_time(at).strftime("%H:%M"),
        "answer_after_hours": parse_answer_after(answer_after) if answer_after else None,
        "first_on": first_slot(cadence, first or ctx.today()),
        "last_case": next_case - 1,
        "updated_at": ctx.now(),
        "deleted_at": None,
    }
    # A name keeps one row for good: a stopped series of that name starts again.
    series = session.exec(select(Series).where(Series.name == cleaned)).first()
    if series is None:
        series = Series(name=cleaned, created_at=ctx.now(), **values)
    else:
        for field, value in values.items():
            setattr(series, field, value)
    session.add(series)
    session.flush()
    return _view(session, ctx, series)


def list_series(session: Session, ctx: Context) -> list[SeriesView]:
    found = session.exec(
        select(Series).where(col(Series.deleted_at).is_(None)).order_by(col(Series.name))
    ).all()
    return [_view(session, ctx, series) for series in found]


def plan_series(session: Session, ctx: Context, name: str, weeks: int) -> PlanResult:
    """Make the cards of the slots from today through ``weeks`` weeks ahead that have none:
    numbered questions in the first stage, due on their day, and their answers."""
    if not 1 <= weeks <= LONGEST_PLAN_WEEKS:
        raise InputError(f"Plan from 1 to {LONGEST_PLAN_WEEKS} weeks ahead (e.g. --weeks 8).")
    series = resolve_series(session, name)
    today = ctx.today()
    window = slots(_cadence(series), series.first_on, today, today + timedelta(weeks=weeks))
    planned = set(_cards_by_slot(session, series, window, removed=True))
    made: list[tuple[int, str, date]] = []
    for day in (slot for slot in window if slot not in planned):
        if series.last_case >= LARGEST_NUMBER:
            raise InputError(f"{series.name} has reached case {LARGEST_NUMBER}, the last there is.")
        series.last_case += 1
        made.extend(_plan_case(session, ctx, series, day, series.last_case))
    if made:
        series.updated_at = ctx.now()
    session.flush()
    return PlanResult(series.name, tuple(made), len(planned))


def series_slots(
    session: Session, ctx: Context, start: date, end: date
) -> list[tuple[str, list[Slot]]]:
    """Each series' slots in ``[start, end)``, with what became of them (the weekly review)."""
    shown: list[tuple[str, list[Slot]]] = []
    for series in session.exec(
        select(Series).where(col(Series.deleted_at).is_(None)).order_by(col(Series.name))
    ).all():
        found = _slots(session, ctx, series, start, end)
        if found:
            shown.append((series.name, found))
    return shown


def remove_series(session: Session, ctx: Context, name: str) -> SeriesView:
    """Stop a series: it leaves the lists and the review; its cards stay on the board."""
    series = resolve_series(session, name)
    view = _view(session, ctx, series)
    series.deleted_at = series.updated_at = ctx.now()
    session.flush()
    return view


def slots_of(session: Session, ctx: Context, name: str, start: date, end: date) -> list[Slot]:
    """One series' slots in ``[start, end)``, with what became of them."""
    return _slots(session, ctx, resolve_series(session, name), start, end)


def resolve_series(session: Session, name: str) -> Series:
    series = _find(session, " ".join(name.split()))
    if series is None:
        raise NotFoundError(
            f'No series named "{one_line(name)}"; `tracker series ls` lists them, '
            "`tracker series add` makes one."
        )
    return series


def _plan_case(
    session: Session, ctx: Context, series: Series, day: date, case: int
) -> list[tuple[int, str, date]]:
    """The question card of one slot and, when the series has them, its answer card."""
    stage = ctx.settings.stages[0]
    wall = datetime.combine(day, parse_post_time(series.post_time))
    title = f"{series.name} #{case}"
    common = {"series": series.name, "case_number": case, "caption": series.hashtag}
    question = new_video(
        session,
        ctx,
        title,
        stage,
        due_on=day,
        publish_at=localize(wall, ctx.zone),
        **common,
    )
    made = [(question.number, title, day)]
    if series.answer_after_hours:
        # Counted on the wall clock: Wednesday 09:00 + 48 h is Friday 09:00, summer time or not.
        answer_wall = wall + timedelta(hours=series.answer_after_hours)
        answer = new_video(
            session,
            ctx,
            f"{title}: answer",
            stage,
            due_on=answer_wall.date(),
            publish_at=localize(answer_wall, ctx.zone),
            answer_to=question.id,
            **common,
        )
        made.append((answer.number, answer.title, answer_wall.date()))
    return made


def _view(session: Session, ctx: Context, series: Series) -> SeriesView:
    today = ctx.today()
    since = max(series.first_on, today - timedelta(weeks=MISSED_SHOWN))
    past = _slots(session, ctx, series, since, today)
    ahead = _slots(session, ctx, series, today, today + _cadence(series).step * 2)
    planned_until = session.exec(
        select(func.max(Video.due_on)).where(_questions(series), col(Video.deleted_at).is_(None))
    ).one()
    return SeriesView(
        name=series.name,
        hashtag=series.hashtag,
        cadence=_cadence(series).spoken(),
        post_time=series.post_time,
        answer_after_hours=series.answer_after_hours,
        first_on=series.first_on,
        last_case=series.last_case,
        planned_until=planned_until,
        next_slot=next((slot for slot in ahead if slot.state != "published"), None),
        missed=tuple(slot.day for slot in past if slot.state in ("missed", "unplanned")),
    )


def _slots(session: Session, ctx: Context, series: Series, start: date, end: date) -> list[Slot]:
    days = slots(_cadence(series), series.first_on, start, end)
    if not days:
        return []
    by_day = _cards_by_slot(session, series, days, removed=False)
    answers = dict(
        session.exec(
            select(Video.answer_to, Video.number).where(
                col(Video.answer_to).in_([card.id for card in by_day.values()]),
                col(Video.deleted_at).is_(None),
            )
        ).all()
    )
    today = ctx.today()
    return [_slot(day, by_day.get(day), answers, today) for day in days]


def _cards_by_slot(
    session: Session, series: Series, days: list[date], *, removed: bool
) -> dict[date, Video]:
    """The question card of each of ``days``: the one due within the slot's span (until the
    next slot), so a card moved a day later still holds its week; ``removed`` ones too when
    asked (planning does not make again a card removed on purpose)."""
    if not days:
        return {}
    step = _cadence(series).step
    query = select(Video).where(
        _questions(series), col(Video.due_on) >= days[0], col(Video.due_on) < days[-1] + step
    )
    if not removed:
        query = query.where(col(Video.deleted_at).is_(None))
    found: dict[date, Video] = {}
    for card in session.exec(query.order_by(col(Video.number))).all():
        if card.due_on is None:  # not possible: the query asks for a due day
            continue
        slot = series.first_on + step * ((card.due_on - series.first_on) // step)
        found.setdefault(slot, card)
    return found


def _slot(day: date, card: Video | None, answers: dict[uuid.UUID | None, int], today: date) -> Slot:
    if card is None:
        return Slot(day, None, None, None, "unplanned")
    if card.stage == PUBLISHED_STAGE or card.published_at is not None:
        state = "published"
    elif card.stage == DROPPED_STAGE:
        state = "dropped"
    else:
        state = "missed" if day < today else "due" if day == today else "planned"
    return Slot(day, card.case_number, card.number, answers.get(card.id), state)


def _questions(series: Series) -> ColumnElement[bool]:
    """The condition naming a series' question cards (answers point at one)."""
    return and_(
        col(Video.series) == series.name,
        col(Video.case_number).is_not(None),
        col(Video.answer_to).is_(None),
    )


def _cadence(series: Series) -> Cadence:
    return Cadence(weekday=series.weekday, days=series.every_days)


def _find(session: Session, name: str) -> Series | None:
    return session.exec(
        select(Series).where(
            func.lower(Series.name) == name.lower(), col(Series.deleted_at).is_(None)
        )
    ).first()


def _check_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not any(char.isalnum() for char in cleaned):
        raise InputError('A series needs a name with a letter or a digit, such as "Unknown case".')
    if not all(char.isprintable() for char in cleaned):
        raise InputError("A series' name is plain text: leave out control characters.")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InputError(
            f"That name is {len(cleaned)} characters; keep a series' name to {MAX_NAME_LENGTH}."
        )
    return cleaned


def _check_hashtag(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        return ""
    tag = cleaned if cleaned.startswith("#") else f"#{cleaned}"
    if not HASHTAG.fullmatch(tag):
        raise InputError(
            f'"{one_line(text)}" is not a hashtag; use one word of letters, digits or _ '
            "(e.g. #PedsNeuroUnknown)."
        )
    return tag
