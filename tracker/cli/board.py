"""Commands for the board: add, ls, show, move, edit, rm, restore, drop, undrop, archive,
unarchive."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tracker.cli import render
from tracker.cli.base import (
    DUE_HELP,
    LENGTH_HELP,
    AnywayOption,
    JsonOption,
    VideoArgument,
    app,
    due,
    only_one,
    state,
    video_length,
)
from tracker.core.errors import InputError

if TYPE_CHECKING:
    from tracker.services.context import Context
    from tracker.services.publishing import Checklist

PlatformOption = Annotated[
    list[str] | None,
    typer.Option("--platform", "-p", metavar="PLATFORM", help="A platform; repeat for more."),
]
TagOption = Annotated[
    list[str] | None, typer.Option("--tag", "-t", metavar="TAG", help="A tag; repeat for more.")
]
LengthOption = Annotated[
    str | None,
    typer.Option("--length", metavar="LENGTH", help=f"The finished video's length, {LENGTH_HELP}."),
]
TargetOption = Annotated[
    str | None,
    typer.Option("--target", metavar="LENGTH", help=f"The length you aim for, {LENGTH_HELP}."),
]


@app.command()
def add(
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The video's working title.")],
    stage: Annotated[
        str | None, typer.Option(metavar="STAGE", help="Stage to start in (default: idea).")
    ] = None,
    platform: PlatformOption = None,
    due_: Annotated[
        str | None, typer.Option("--due", metavar="WHEN", help=f"Due date, {DUE_HELP}.")
    ] = None,
    tag: TagOption = None,
    notes: Annotated[str, typer.Option(metavar="TEXT", help="Free-form notes.")] = "",
    length: LengthOption = None,
    target: TargetOption = None,
    anyway: AnywayOption = False,
) -> None:
    """Add a video to the board."""
    from tracker.services import board

    database, context = state.open()
    due_on = due(due_, context, anyway=anyway)
    video = database.run_write(
        lambda s: board.add_video(
            s,
            context,
            title,
            stage=stage,
            platforms=tuple(platform or ()),
            tags=tuple(tag or ()),
            due_on=due_on,
            notes=notes,
            actual_seconds=video_length(length),
            target_seconds=video_length(target),
        )
    )
    render.say(f"Added #{video.number} {render.safe(video.title)} ({video.stage}).")


@app.command("ls")
def list_videos(
    stage: Annotated[str | None, typer.Option(metavar="STAGE", help="Only this stage.")] = None,
    platform: Annotated[
        str | None, typer.Option("--platform", "-p", metavar="PLATFORM", help="Only this.")
    ] = None,
    tag: Annotated[
        str | None, typer.Option("--tag", "-t", metavar="TAG", help="Only with this tag.")
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", "-a", help="Include published (archived too), dropped.")
    ] = False,
    deleted: Annotated[bool, typer.Option("--deleted", help="Only removed videos.")] = False,
    json: JsonOption = False,
) -> None:
    """List the videos on the board (published and dropped ones with --all)."""
    from tracker.core.durations import format_hours
    from tracker.services import board

    only_one(stage=stage, all=all_)
    only_one(deleted=deleted, all=all_)
    database, context = state.open(create=False)
    with database.read() as session:
        videos = board.list_videos(
            session,
            context,
            stage=stage,
            platform=platform,
            tag=tag,
            include_finished=all_,
            deleted=deleted,
            include_archived=True,
        )
    if json:
        render.as_json(videos)
        return
    if not videos:
        filtered = any(value is not None for value in (stage, platform, tag)) or deleted
        render.say(
            "No videos match." if filtered else 'No videos yet. Add one: tracker add "A title"'
        )
        return
    from datetime import timedelta

    rows = [
        (
            f"#{v.number}",
            v.title,
            f"{v.stage} (archived)" if v.archived else v.stage,
            ", ".join(v.platforms),
            render.day_text(v.due_on, context),
            format_hours(timedelta(seconds=v.logged_seconds)),
            " ".join(f"#{t}" for t in v.tags),
        )
        for v in videos
    ]
    render.table(("#", "Title", "Stage", "Platforms", "Due", "Logged", "Tags"), rows, flexible=1)


@app.command()
def show(ref: VideoArgument, json: JsonOption = False) -> None:
    """Show a video: its fields, stage history and hours by activity."""
    from tracker.core.durations import format_seconds, format_video_length
    from tracker.services import board

    database, context = state.open(create=False)
    with database.read() as session:
        detail = board.video_detail(session, context, ref)
    if json:
        from tracker.services.views import to_json

        render.as_json({**to_json(detail), "checklist": checklist_json(detail.checklist)})
        return
    video = detail.video
    safe = render.safe
    lines = [
        f"#{video.number} {safe(video.title)}",
        f"  stage      {video.stage}",
        f"  platforms  {', '.join(video.platforms) or '-'}",
        f"  due        {render.day_text(video.due_on, context)}",
        f"  tags       {' '.join('#' + t for t in video.tags) or '-'}",
        f"  logged     {format_seconds(video.logged_seconds)}",
    ]
    lengths = (("length", video.actual_seconds), ("target", video.target_seconds))
    for label, seconds in lengths:
        if seconds is not None:
            lines.append(f"  {label:<10} {format_video_length(seconds)}")
    for label, value in (
        ("format", video.format),
        ("series", video.series),
        ("case", video.case_number),
        ("category", video.category),
        ("url", video.url),
        ("evergreen", "yes" if video.evergreen else None),
    ):
        if value is not None:
            lines.append(f"  {label:<10} {safe(str(value))}")
    if video.notes:
        lines.append(f"  notes      {safe(video.notes)}")
    lines.append("History:")
    for change in detail.history:
        origin = f"{change.from_stage} → " if change.from_stage else "created in "
        lines.append(f"  {context.shown(change.at)}  {origin}{change.to_stage}")
    if detail.by_activity:
        lines.append("Hours by activity:")
        for total in detail.by_activity:
            lines.append(f"  {total.activity:<10} {format_seconds(total.seconds)}")
    lines.extend(checklist_lines(detail.checklist, context))
    render.say("\n".join(lines))


def checklist_json(checklist: Checklist) -> dict[str, Any]:
    """The checklist as ``show --json`` gives it: each item an object named as in the config
    (``item = "why"``) with whether it is done, the items still open, the identifier findings
    and the overrides."""
    return {
        "items": [
            {"item": item.key, "why": item.why, "done": done} for item, done in checklist.items
        ],
        "open": list(checklist.open),
        "findings": checklist.findings,
        "overrides": checklist.overrides,
    }


def checklist_lines(checklist: Checklist, context: Context) -> list[str]:
    """The pre-publish checklist as ``show`` and ``check`` print it."""
    if not checklist.items:
        return []
    lines = ["Pre-publish checklist (an aid, not a guarantee):"]
    for item, done in checklist.items:
        lines.append(f"  [{'x' if done else ' '}] {item.key:<11} {render.safe(item.why)}")
    for found in checklist.findings:
        finding = found.finding
        lines.append(
            f"      {found.field} {finding.start}-{finding.end} {finding.rule} "
            f'"{render.safe(finding.text)}": {finding.why}'
        )
    for override in checklist.overrides:
        who = f" by {render.safe(override.member)}" if override.member else ""
        lines.append(
            f"  Override{who} {context.shown(override.at)} into {override.stage} "
            f"with {', '.join(override.open_items)} open: {render.safe(override.reason)}"
        )
    return lines


@app.command()
def check(
    ref: VideoArgument,
    items: Annotated[
        list[str] | None,
        typer.Argument(metavar="[ITEM]...", help="Items to tick (all: every one), e.g. consent."),
    ] = None,
    undo: Annotated[bool, typer.Option("--undo", help="Clear the items instead.")] = False,
) -> None:
    """Tick pre-publish checklist items on a video, or show where its checklist stands."""
    from tracker.services import board

    if not items:
        if undo:
            raise InputError("Name the items to clear, e.g. tracker check 12 consent --undo.")
        database, context = state.open(create=False)
        with database.read() as session:
            checklist = board.video_detail(session, context, ref).checklist
    else:
        database, context = state.open()
        checklist = database.run_write(
            lambda s: board.check_video(s, context, ref, items, undo=undo)
        )
    if not checklist.items:
        render.say("There is no pre-publish checklist ([checklist] in the config is empty).")
        return
    render.say("\n".join(checklist_lines(checklist, context)))
    left = checklist.open
    render.say(f"Open: {', '.join(left)}." if left else "Every item is done.")


@app.command()
def move(
    ref: VideoArgument,
    stage: Annotated[str, typer.Argument(metavar="STAGE", help="The stage to move it to.")],
    override: Annotated[
        str | None,
        typer.Option(
            metavar="REASON",
            help="Into scheduled or published with the checklist open: say why (kept).",
        ),
    ] = None,
) -> None:
    """Move a video to another stage (the move is recorded). Into scheduled or published
    only with its pre-publish checklist done (tracker check), or with --override "why"."""
    from tracker.services import board

    database, context = state.open()
    video, origin = database.run_write(
        lambda s: board.move_video(s, context, ref, stage, override=override)
    )
    name = f"#{video.number} {render.safe(video.title)}"
    if origin == video.stage:
        render.say(f"{name} is already in {video.stage}.")
    else:
        render.say(f"Moved {name}: {origin} → {video.stage}.")


@app.command()
def edit(
    ref: VideoArgument,
    title: Annotated[str | None, typer.Option(metavar="TITLE", help="New title.")] = None,
    platform: Annotated[
        list[str] | None,
        typer.Option("--platform", "-p", metavar="PLATFORM", help="Replace the platforms."),
    ] = None,
    no_platforms: Annotated[
        bool, typer.Option("--no-platforms", help="Clear the platforms.")
    ] = False,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", "-t", metavar="TAG", help="Replace the tags.")
    ] = None,
    no_tags: Annotated[bool, typer.Option("--no-tags", help="Clear the tags.")] = False,
    due_: Annotated[
        str | None, typer.Option("--due", metavar="WHEN", help=f"Due date ({DUE_HELP}).")
    ] = None,
    no_due: Annotated[bool, typer.Option("--no-due", help="Clear the due date.")] = False,
    notes: Annotated[str | None, typer.Option(metavar="TEXT", help="Replace the notes.")] = None,
    length: LengthOption = None,
    no_length: Annotated[bool, typer.Option("--no-length", help="Clear the length.")] = False,
    target: TargetOption = None,
    no_target: Annotated[bool, typer.Option("--no-target", help="Clear the target.")] = False,
    format_: Annotated[
        str | None, typer.Option("--format", metavar="FORMAT", help="short or long.")
    ] = None,
    series: Annotated[str | None, typer.Option(metavar="NAME", help="Series name.")] = None,
    case: Annotated[
        int | None, typer.Option(metavar="NUMBER", help="Case number in its series.")
    ] = None,
    category: Annotated[
        str | None, typer.Option(metavar="NAME", help="Category, e.g. clinical.")
    ] = None,
    url: Annotated[str | None, typer.Option(metavar="URL", help="Where it was published.")] = None,
    evergreen: Annotated[
        bool | None, typer.Option("--evergreen/--not-evergreen", help="Evergreen topic?")
    ] = None,
    caption: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The caption or description posted.")
    ] = None,
    alt_text: Annotated[
        str | None,
        typer.Option("--alt-text", metavar="TEXT", help="The images' alt text."),
    ] = None,
    anyway: AnywayOption = False,
) -> None:
    """Change a video's fields; only the options given change."""
    from tracker.services import board

    only_one(platform=platform, no_platforms=no_platforms)
    only_one(tag=tag, no_tags=no_tags)
    only_one(due=due_, no_due=no_due)
    only_one(length=length, no_length=no_length)
    only_one(target=target, no_target=no_target)
    database, context = state.open()
    changes: dict[str, Any] = {
        name: value
        for name, value in (
            ("title", title),
            ("platforms", [] if no_platforms else platform),
            ("tags", [] if no_tags else tag),
            ("notes", notes),
            ("format", format_),
            ("series", series),
            ("case_number", case),
            ("category", category),
            ("url", url),
            ("evergreen", evergreen),
            ("caption", caption),
            ("alt_text", alt_text),
        )
        if value is not None
    }
    changes.update(_lengths(length, target))
    if no_length:
        changes["actual_seconds"] = None
    if no_target:
        changes["target_seconds"] = None
    if due_ is not None or no_due:
        changes["due_on"] = due(due_, context, anyway=anyway)
    if not changes:
        raise InputError("Nothing to change; give an option such as --title or --due.")
    video = database.run_write(lambda s: board.edit_video(s, context, ref, changes))
    render.say(f"Updated #{video.number} {render.safe(video.title)}.")


def _lengths(length: str | None, target: str | None) -> dict[str, int]:
    """The --length and --target options as the seconds the board stores."""
    lengths = {"actual_seconds": video_length(length), "target_seconds": video_length(target)}
    return {name: seconds for name, seconds in lengths.items() if seconds is not None}


@app.command("rm")
def remove(ref: VideoArgument) -> None:
    """Remove a video (it can be restored; its logged time is kept)."""
    from tracker.services import board

    database, context = state.open()
    video = database.run_write(lambda s: board.remove_video(s, context, ref))
    render.say(
        f"Removed #{video.number} {render.safe(video.title)}. "
        f"Undo with: tracker restore {video.number}"
    )


@app.command()
def restore(
    ref: Annotated[
        str, typer.Argument(metavar="VIDEO", help="Number or title of a removed video.")
    ],
) -> None:
    """Bring back a removed video."""
    from tracker.services import board

    database, context = state.open()
    video = database.run_write(lambda s: board.restore_video(s, context, ref))
    render.say(f"Restored #{video.number} {render.safe(video.title)} ({video.stage}).")


@app.command()
def drop(ref: VideoArgument) -> None:
    """Drop a video from whatever stage it is in (one recorded move to dropped)."""
    from tracker.services import board

    database, context = state.open()
    video, origin = database.run_write(lambda s: board.drop_video(s, context, ref))
    render.say(
        f"Dropped #{video.number} {render.safe(video.title)} (was in {origin}). "
        f"Bring it back with: tracker undrop {video.number}"
    )


@app.command()
def undrop(
    ref: Annotated[
        str, typer.Argument(metavar="VIDEO", help="Number or title of a dropped video.")
    ],
) -> None:
    """Bring a dropped video back to the stage it was dropped from."""
    from tracker.services import board

    database, context = state.open()
    video, _origin = database.run_write(lambda s: board.undrop_video(s, context, ref))
    render.say(f"Brought back #{video.number} {render.safe(video.title)} to {video.stage}.")


@app.command()
def archive(
    older_than: Annotated[
        str,
        typer.Option(
            "--older-than",
            metavar="AGE",
            help="Published longer ago than this: weeks or days, e.g. 4w, 6 weeks, 30d.",
        ),
    ] = "4w",
) -> None:
    """Take published videos off the board once they are older than --older-than (default 4w).

    They stay in reports, charts and exports, and in `tracker ls --all`.
    """
    from tracker.services import board

    age = board.parse_age(older_than)
    database, context = state.open()
    archived = database.run_write(lambda s: board.archive_published(s, context, age))
    if not archived:
        render.say(f"No published video on the board is older than {older_than.strip()}.")
        return
    names = ", ".join(f"#{video.number}" for video in archived)
    count = len(archived)
    render.say(
        f"Archived {count} published video{'s' if count != 1 else ''} ({names}); reports still "
        f"count {'them' if count != 1 else 'it'}. Bring one back with: "
        f"tracker unarchive {archived[0].number}"
    )


@app.command()
def unarchive(ref: VideoArgument) -> None:
    """Put an archived video back on the board."""
    from tracker.services import board

    database, context = state.open()
    video = database.run_write(lambda s: board.unarchive_video(s, context, ref))
    render.say(f"#{video.number} {render.safe(video.title)} is back on the board ({video.stage}).")
