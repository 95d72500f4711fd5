"""Commands for looking back: chart and metrics."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from tracker.cli import render
from tracker.cli.base import AnywayOption, JsonOption, VideoArgument, app, state, when
from tracker.core.errors import InputError


@app.command()
def chart(
    name: Annotated[
        str | None, typer.Argument(metavar="NAME", help="Which chart; --list shows them.")
    ] = None,
    weeks: Annotated[
        str, typer.Option(metavar="N", help="How many weeks back (a number, or all).")
    ] = "12",
    member: Annotated[
        str | None, typer.Option(metavar="NAME", help="Whose work, on a shared database.")
    ] = None,
    table: Annotated[bool, typer.Option("--table", help="The numbers instead of a chart.")] = False,
    list_: Annotated[bool, typer.Option("--list", help="List the charts.")] = False,
    json: JsonOption = False,
) -> None:
    """Charts of effort against output, drawn in the terminal."""
    from tracker.charts import CHARTS, render_text
    from tracker.services.members import as_member, weeks_since_first_entry

    if list_ or name is None:
        if name is not None or table or json:
            raise InputError("--list lists the charts; leave out the chart name and other options.")
        for chart_name, listed in CHARTS.items():
            render.say(f"{chart_name:<18} {listed.about}")
        return
    spec = CHARTS.get(name)
    if spec is None:
        raise InputError(f'Unknown chart "{render.safe(name)}"; `tracker chart --list` shows them.')
    if table and json:
        raise InputError("Give either --table or --json, not both.")
    period = _weeks(weeks)
    database, context = state.open(create=False)
    with database.read() as session:
        if member is not None:
            context = as_member(session, context, member)
        period = period or weeks_since_first_entry(session, context)
        data = spec.data(session, context, period)
    if json:
        render.as_json(data)
        return
    if spec.empty(data):
        render.say(f"Nothing to chart from the last {period} weeks: {spec.empty_hint}.")
        return
    if table:
        headers, rows = spec.table(data)
        render.table(headers, rows, flexible=len(headers) - 1)
        return
    import shutil

    drawing = render_text(spec, data, context, shutil.get_terminal_size().columns)
    if not sys.stdout.isatty():
        import plotext

        drawing = plotext.uncolorize(drawing)
    render.say(drawing)


def _weeks(text: str) -> int | None:
    """A number of weeks from 1 to MOST_WEEKS, or None for `all`."""
    import re

    from tracker.services.members import MOST_WEEKS

    cleaned = text.strip().lower()
    if cleaned == "all":
        return None
    if re.fullmatch("[0-9]{1,4}", cleaned) and 1 <= int(cleaned) <= MOST_WEEKS:
        return int(cleaned)
    from tracker.core.durations import quote_input

    raise InputError(
        f"{quote_input(text)} is not a number of weeks; give 1 to {MOST_WEEKS}, or all."
    )


@app.command()
def metrics(
    ref: VideoArgument,
    views: Annotated[int | None, typer.Option(metavar="N", help="Views so far.")] = None,
    likes: Annotated[int | None, typer.Option(metavar="N", help="Likes so far.")] = None,
    comments: Annotated[int | None, typer.Option(metavar="N", help="Comments so far.")] = None,
    shares: Annotated[int | None, typer.Option(metavar="N", help="Shares so far.")] = None,
    watch_hours: Annotated[
        float | None,
        typer.Option(metavar="HOURS", help="Watch time so far, in hours (e.g. 1250.5)."),
    ] = None,
    at: Annotated[
        str | None, typer.Option(metavar="WHEN", help="As of when (default: now).")
    ] = None,
    post: Annotated[
        str | None,
        typer.Option("--post", metavar="PRESET", help="For this post of the video (tiktok...)."),
    ] = None,
    anyway: AnywayOption = False,
) -> None:
    """Record a published video's views, likes, comments or shares (for the engagement chart);
    with --post, one of its posts' (a video's figures are the sum of its posts')."""
    from tracker.services.metrics import record_metrics

    database, context = state.open()
    watched = _watch_seconds(watch_hours)
    counts = {"views": views, "likes": likes, "comments": comments, "shares": shares}
    moment = when(at, context, anyway=anyway)
    figures = {**counts, "watch_seconds": watched}
    recorded = database.run_write(lambda s: record_metrics(s, context, ref, figures, moment, post))
    shown = ", ".join(_figure(name, value) for name, value in recorded.counts.items())
    which = f"#{recorded.number}" + (f"'s {post.strip().lower()} post" if post else "")
    render.say(f"Recorded {shown} for {which} as of {context.shown(recorded.at)}.")


def _watch_seconds(hours: float | None) -> int | None:
    """Watch time as platforms report it, in hours, kept in whole seconds."""
    import math

    if hours is None:
        return None
    from tracker.services.board import LARGEST_NUMBER

    if not math.isfinite(hours) or hours < 0:
        raise InputError(f"Watch time of {hours:g} hours is not possible; give 0 or more.")
    if hours * 3600 > LARGEST_NUMBER:
        raise InputError(f"Watch time of {hours:g} hours is more than can be stored.")
    return round(hours * 3600)


def _figure(name: str, value: int) -> str:
    if name == "watch_seconds":
        from tracker.core.durations import hours_number

        return f"{hours_number(value / 3600)} hours watched"
    return f"{value} {name}"
