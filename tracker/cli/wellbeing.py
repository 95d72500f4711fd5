"""Commands for looking after yourself: status, break, breaks, checkin."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tracker.cli import render
from tracker.cli.base import AnywayOption, JsonOption, app, only_one, state
from tracker.core.errors import InputError

if TYPE_CHECKING:
    from tracker.db.database import Database
    from tracker.services.context import Context

CHECKIN_WINDOW = timedelta(weeks=4)


@app.command()
def status(
    json: JsonOption = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Exit 1 when an alert is active, 2 for a warning only (for prompts)."
        ),
    ] = False,
) -> None:
    """The running timer, today's and this week's hours, videos per stage, and any signals."""
    from tracker.core.sustainability import ALERT
    from tracker.services.status import status as current_status

    database, context = state.open(create=False)
    with database.read() as session:
        summary = current_status(session, context)
    if json:
        render.as_json(summary)
    else:
        render.status(summary, context)
    if check and summary.signals:
        alert = any(signal.level == ALERT for signal in summary.signals)
        raise typer.Exit(1 if alert else 2)


@app.command("break")
def plan_break(
    from_: Annotated[str, typer.Option("--from", metavar="WHEN", help="When it starts.")],
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="WHEN",
            help="When it ends; a day alone means its end (default: the end of the day it starts).",
        ),
    ] = None,
    note: Annotated[str, typer.Option(metavar="TEXT", help="What the break is for.")] = "",
    anyway: AnywayOption = False,
) -> None:
    """Plan a break: a rest day or a longer pause."""
    from tracker.core.spans import break_span
    from tracker.services import breaks

    database, context = state.open()
    start, end = break_span(context.now(), from_, to, **context.reading(anyway=anyway))
    planned = database.run_write(lambda s: breaks.plan_break(s, context, start, end, note))
    render.say(f"Planned a break {context.span(planned.start_at, planned.end_at)}.")


@app.command("breaks")
def list_breaks(json: JsonOption = False) -> None:
    """Planned breaks, and the break prompts you were shown with what you chose."""
    from tracker.services import breaks

    database, context = state.open(create=False)
    with database.read() as session:
        planned = breaks.planned_breaks(session, context)
        prompts, counts = breaks.prompt_history(session, context)
    if json:
        render.as_json({"breaks": planned, "prompts": prompts, "answers": counts})
        return
    render.say("Planned breaks:" if planned else "No breaks planned. Plan one with: tracker break")
    for item in planned:
        note = f"  {render.safe(item.note)}" if item.note else ""
        render.say(f"  {context.span(item.start_at, item.end_at)}{note}")
    if prompts:
        summary = ", ".join(f"{answer} {count}" for answer, count in sorted(counts.items()))
        render.say(f"Prompts: {summary}")
        for record in prompts:
            when = context.shown(record.shown_at)
            render.say(f"  {when}  {record.level:<5} {record.key:<13} {record.answer}")
        render.say(render.safe(context.settings.note()))


@app.command()
def checkin(
    answers: Annotated[
        str | None,
        typer.Option(
            metavar="LIST",
            help="All answers at once, 1-5 or - to skip, e.g. 2,3,3,4,-,4,... (else asked).",
        ),
    ] = None,
    history: Annotated[bool, typer.Option("--history", help="Show past scores.")] = False,
) -> None:
    """A short self-assessment (Copenhagen Burnout Inventory): self-monitoring, not a diagnosis."""
    from tracker.core.checkin import meaning
    from tracker.services import checkins

    only_one(answers=answers, history=history)
    database, context = state.open(create=not history)
    if history:
        _print_checkin_history(database, context)
        render.say(render.safe(context.settings.note()))
        return
    items = checkins.instrument()
    given = _parse_answers(answers, len(items)) if answers is not None else _ask(items)
    view = database.run_write(lambda s: checkins.record_checkin(s, context, given))
    for label, value in (("Personal", view.personal_score), ("Work-related", view.work_score)):
        shown = "-" if value is None else f"{value:.0f}"
        render.say(f"{label} burnout score: {shown} / 100. {meaning(value)}")
    render.say(render.safe(context.settings.note()))


def _ask(items: Any) -> list[int | None]:
    """Ask each question on the terminal; Enter skips one."""
    from tracker.services.checkins import INSTRUCTION

    given: list[int | None] = []
    render.say(f"{INSTRUCTION} Answer 1-5, or press Enter to skip.")
    for number, item in enumerate(items, start=1):
        choices = "  ".join(f"{i} {label}" for i, label in enumerate(item.choices, start=1))
        render.say(f"\n{number}/{len(items)} {item.text}\n   {choices}")
        while True:
            try:
                reply = input("> ").strip()
            except EOFError:
                raise InputError(
                    "No answers came in; give them with --answers 2,3,3,... instead."
                ) from None
            if not reply:
                given.append(None)
                break
            if reply in ("1", "2", "3", "4", "5"):
                given.append(int(reply) - 1)
                break
            render.say("Answer with a number from 1 to 5, or press Enter to skip.")
    return given


def _parse_answers(text: str, count: int) -> list[int | None]:
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != count or not all(part in ("1", "2", "3", "4", "5", "-") for part in parts):
        raise InputError(
            f"Give {count} answers separated by commas, each 1-5 or - to skip "
            "(1 = always / to a very high degree, 5 = never / to a very low degree)."
        )
    return [None if part == "-" else int(part) - 1 for part in parts]


def _print_checkin_history(database: Database, context: Context) -> None:
    from tracker.services import checkins, timelog

    with database.read() as session:
        past = checkins.checkin_history(session, context)
        hours = [
            timelog.seconds_logged(session, context, view.taken_at - CHECKIN_WINDOW, view.taken_at)
            / 3600
            for view in past
        ]
    if not past:
        render.say("No check-ins yet. Take one with: tracker checkin")
        return
    from tracker.core.durations import hours_number

    rows = [
        (
            context.shown(view.taken_at),
            "-" if view.personal_score is None else f"{view.personal_score:.0f}",
            "-" if view.work_score is None else f"{view.work_score:.0f}",
            f"{hours_number(logged)} h",
        )
        for view, logged in zip(past, hours, strict=True)
    ]
    render.table(("Taken", "Personal", "Work", "Logged in 4 weeks before"), rows, flexible=0)
