"""The weekly review from the command line: `tracker report`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli import render
from tracker.cli.base import app, day, only_one, state, week_of
from tracker.core.errors import InputError

if TYPE_CHECKING:
    from tracker.core.periods import Period
    from tracker.services.context import Context

FORMAT_HELP = "md (default), html, csv or json; -o FILE.html etc. chooses it too."


@app.command()
def report(
    week: Annotated[
        str | None,
        typer.Option(metavar="WEEK", help="A week: its number (2026-W47) or any day in it."),
    ] = None,
    month: Annotated[
        str | None, typer.Option(metavar="YYYY-MM", help="A month, e.g. 2026-11.")
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", metavar="DAY", help="First day, e.g. 2026-09-01 (with --to)."),
    ] = None,
    to: Annotated[
        str | None, typer.Option(metavar="DAY", help="Last day, included (default: today).")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Everything on record.")] = False,
    member: Annotated[
        str | None, typer.Option(metavar="NAME", help="Whose work, on a shared database.")
    ] = None,
    all_members: Annotated[
        bool, typer.Option("--all-members", help="Everyone's work together.")
    ] = False,
    format_: Annotated[
        str | None, typer.Option("--format", metavar="FORMAT", help=FORMAT_HELP)
    ] = None,
    output: Annotated[
        str | None, typer.Option("-o", "--output", metavar="FILE", help="Write to FILE.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE when it exists.")] = False,
) -> None:
    """A review of a week (default: the last complete one), a month or any days: hours, output,
    cycle times, signals and check-ins, beside the four periods before it."""
    from tracker.formats import writer
    from tracker.services import reports
    from tracker.services.members import as_member

    only_one(week=week, month=month, from_=from_ or to, all_=all_)
    only_one(member=member, all_members=all_members)
    chosen = _format(format_, output)
    database, context = state.open(create=False)
    with database.read() as session:
        if all_members:
            members = reports.member_ids(session, None)
        elif member is not None:
            members = (as_member(session, context, member).member_id,)
        else:
            members = (context.member_id,)
        period = (
            reports.everything(session, context, members)
            if all_
            else _period(context, week, month, from_, to)
        )
        built = reports.build_report(session, context, period, members)
    text = writer(chosen)(built)
    if output is None:
        typer.echo(text, nl=False)
        return
    from pathlib import Path

    from tracker.services.exports import write_output

    path = Path(output).expanduser()
    write_output(path, lambda out: out.write(text), force=force)
    render.say(f"Wrote the review of {built.period.label} to {render.safe(str(path))}.")


def _period(
    context: Context, week: str | None, month: str | None, first: str | None, last: str | None
) -> Period:
    from tracker.core import periods

    start_of_week = context.settings.week_start
    if week is not None:
        return week_of(week, context)
    if month is not None:
        return periods.parse_month(month)
    if first is not None or last is not None:
        if first is None:
            raise InputError("Give --from with --to: the first day of the period.")
        return periods.days_between(day(first, context), day(last or "today", context))
    return periods.last_complete_week(context.today(), start_of_week)


def _format(given: str | None, output: str | None) -> str:
    """The format asked for, else the one the output file's name ends in, else Markdown."""
    from tracker.formats import format_named, format_of

    if given is not None:
        return format_named(given)
    return format_of(output) if output is not None else "md"
