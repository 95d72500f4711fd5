"""Commands for series: add one, list them with what is due and missed, plan their cards."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli import render
from tracker.cli.base import DUE_HELP, AnywayOption, JsonOption, due, group, state

if TYPE_CHECKING:
    from tracker.services.context import Context
    from tracker.services.series import SeriesView

series_app = group("series", "Numbered posts on a rhythm: an unknown case every Wednesday.")
NameArgument = Annotated[str, typer.Argument(metavar="NAME", help="The series' name.")]
MISSED_LISTED = 3


@series_app.command("add")
def series_add(
    name: NameArgument,
    every: Annotated[
        str,
        typer.Option(
            "--every", metavar="CADENCE", help="A weekday (wed) or a number of days (14d)."
        ),
    ],
    answer_after: Annotated[
        str | None,
        typer.Option(
            "--answer-after", metavar="HOURS", help="Plan an answer post this long after (48h)."
        ),
    ] = None,
    hashtag: Annotated[
        str, typer.Option(metavar="TAG", help="The series' hashtag, starting each caption.")
    ] = "",
    at: Annotated[
        str, typer.Option("--at", metavar="HH:MM", help="Time of day posts go out.")
    ] = "09:00",
    first: Annotated[
        str | None,
        typer.Option("--first", metavar="WHEN", help=f"Day of the first post, {DUE_HELP}."),
    ] = None,
    anyway: AnywayOption = False,
    next_case: Annotated[
        int,
        typer.Option(
            "--next-case", metavar="N", help="For a series already running: its next number."
        ),
    ] = 1,
) -> None:
    """Start a series: its cadence, answer posts, hashtag and case counter."""
    from tracker.services import series

    database, context = state.open()
    first_on = due(first, context, anyway=anyway)
    made = database.run_write(
        lambda s: series.add_series(
            s,
            context,
            name,
            every,
            answer_after=answer_after,
            hashtag=hashtag,
            at=at,
            first=first_on,
            next_case=next_case,
        )
    )
    render.say(
        f"Series {render.safe(made.name)}: {made.rhythm}, first post "
        f"{render.day_text(made.first_on, context)}. Plan its cards with "
        f'`tracker series plan "{render.safe(made.name)}" --weeks 8`.'
    )


@series_app.command("ls")
def series_ls(json: JsonOption = False) -> None:
    """List the series: rhythm, the next case due, weeks missed."""
    from tracker.services import series

    database, context = state.open(create=False)
    with database.read() as session:
        found = series.list_series(session, context)
    if json:
        render.as_json(found)
        return
    if not found:
        render.say('No series yet; start one with `tracker series add "Unknown case" --every wed`.')
        return
    render.table(
        ("series", "rhythm", "cases", "next", "planned to", "missed"),
        [
            (
                f"{view.name} {view.hashtag}".strip(),
                view.rhythm,
                str(view.last_case),
                _next(view, context),
                render.day_text(view.planned_until, context),
                _missed(view, context),
            )
            for view in found
        ],
        flexible=0,
    )


@series_app.command("plan")
def series_plan(
    name: NameArgument,
    weeks: Annotated[
        int, typer.Option("--weeks", metavar="N", help="How far ahead to plan, in weeks.")
    ] = 8,
) -> None:
    """Make the next cards of a series, numbered and due on their days (never twice)."""
    from tracker.services import series

    database, context = state.open()
    result = database.run_write(lambda s: series.plan_series(s, context, name, weeks))
    for number, title, day in result.made:
        render.say(f"#{number} {render.safe(title)}, due {render.day_text(day, context)}")
    kept = f"; {result.already} already planned" if result.already else ""
    count = len(result.made)
    render.say(
        f"Planned {count} card{'s' if count != 1 else ''} for {render.safe(result.series)} "
        f"over the next {weeks} week{'s' if weeks != 1 else ''}{kept}."
    )


@series_app.command("rm")
def series_rm(name: NameArgument) -> None:
    """Stop a series: it leaves the lists and the review; its cards stay on the board."""
    from tracker.services import series

    database, context = state.open()
    view = database.run_write(lambda s: series.remove_series(s, context, name))
    render.say(
        f"Stopped the series {render.safe(view.name)}; its cards stay on the board "
        "(tracker rm or drop them one by one)."
    )


def _next(view: SeriesView, context: Context) -> str:
    slot = view.next_slot
    if slot is None:
        return "-"
    case = f"#{slot.card} case {slot.case_number}" if slot.card else "not planned"
    return f"{render.day_text(slot.day, context)}: {case}"


def _missed(view: SeriesView, context: Context) -> str:
    if not view.missed:
        return "none"
    days = ", ".join(render.day_text(day, context) for day in view.missed[-MISSED_LISTED:])
    return f"{len(view.missed)} ({days})" if len(view.missed) > MISSED_LISTED else days
