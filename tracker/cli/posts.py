"""Commands for posts: one recording as several posts (YouTube, its Shorts cut, a TikTok...),
each checked against its platform preset."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tracker.cli import render
from tracker.cli.base import (
    LENGTH_HELP,
    WHEN_HELP,
    AnywayOption,
    JsonOption,
    VideoArgument,
    group,
    state,
    video_length,
    when,
)
from tracker.core.errors import InputError

if TYPE_CHECKING:
    from tracker.services.context import Context
    from tracker.services.posts import PostView

post_app = group("post", "A video's posts, one per platform preset, checked against its limits.")
PresetArgument = Annotated[
    str, typer.Argument(metavar="PRESET", help="youtube, youtube-shorts, tiktok... (post presets)")
]
LengthOption = Annotated[
    str | None, typer.Option("--length", metavar="LENGTH", help=f"The cut's length, {LENGTH_HELP}.")
]
ImagesOption = Annotated[
    int | None, typer.Option("--images", metavar="N", help="Images in the post (a carousel).")
]
AspectOption = Annotated[
    str | None, typer.Option("--aspect", metavar="W:H", help="Frame shape: 9:16, 16:9, 1:1.")
]
CaptionOption = Annotated[
    str | None, typer.Option("--caption", metavar="TEXT", help="The words posted with it.")
]
ScheduleOption = Annotated[
    str | None, typer.Option("--at", metavar="WHEN", help=f"When it goes out, {WHEN_HELP}.")
]
UrlOption = Annotated[str | None, typer.Option("--url", metavar="URL", help="Where it is.")]


@post_app.command("add")
def post_add(
    ref: VideoArgument,
    preset: PresetArgument,
    length: LengthOption = None,
    images: ImagesOption = None,
    aspect: AspectOption = None,
    caption: CaptionOption = None,
    at: ScheduleOption = None,
    url: UrlOption = None,
    anyway: AnywayOption = False,
) -> None:
    """Add a post of a video on a platform preset."""
    from tracker.services import posts

    database, context = state.open()
    changes = _changes(context, length, images, aspect, caption, at, url, None, anyway)
    view = database.run_write(lambda s: posts.add_post(s, context, ref, preset, changes))
    render.say(f"Added the {view.preset} post of #{view.number} {render.safe(view.title)}.")
    _warn(view)


@post_app.command("edit")
def post_edit(
    ref: VideoArgument,
    preset: PresetArgument,
    length: LengthOption = None,
    images: ImagesOption = None,
    aspect: AspectOption = None,
    caption: CaptionOption = None,
    at: ScheduleOption = None,
    url: UrlOption = None,
    published: Annotated[
        str | None,
        typer.Option("--published", metavar="WHEN", help=f"When it went out, {WHEN_HELP}."),
    ] = None,
    anyway: AnywayOption = False,
) -> None:
    """Change a post: its length, images, frame, caption, dates or URL."""
    from tracker.services import posts

    database, context = state.open()
    changes = _changes(context, length, images, aspect, caption, at, url, published, anyway)
    if not changes:
        raise InputError("Say what to change, e.g. --length 2:30 or --published now.")
    view = database.run_write(lambda s: posts.edit_post(s, context, ref, preset, changes))
    render.say(f"Changed the {view.preset} post of #{view.number} {render.safe(view.title)}.")
    _warn(view)


@post_app.command("rm")
def post_rm(ref: VideoArgument, preset: PresetArgument) -> None:
    """Remove a post (its metrics stay with the video)."""
    from tracker.services import posts

    database, context = state.open()
    view = database.run_write(lambda s: posts.remove_post(s, context, ref, preset))
    render.say(f"Removed the {view.preset} post of #{view.number} {render.safe(view.title)}.")


@post_app.command("ls")
def post_ls(
    ref: Annotated[
        str | None, typer.Argument(metavar="VIDEO", help="Only this video's posts.")
    ] = None,
    json: JsonOption = False,
) -> None:
    """List posts with their dates and anything over their preset's limits."""
    from tracker.core.durations import format_video_length
    from tracker.services import posts

    database, context = state.open(create=False)
    with database.read() as session:
        found = posts.posts_of(session, context, ref)
    if json:
        render.as_json(found)
        return
    if not found:
        render.say("No posts yet; add one with `tracker post add VIDEO PRESET`.")
        return
    render.table(
        ("video", "post", "length", "frame", "goes out", "out", "over its preset"),
        [
            (
                render.video_name(view.number, view.title),
                view.preset,
                format_video_length(view.length_seconds) if view.length_seconds else "-",
                view.aspect or "-",
                context.shown(view.publish_at) if view.publish_at else "-",
                context.shown(view.published_at) if view.published_at else "-",
                "; ".join(view.over_preset) or "-",
            )
            for view in found
        ],
        flexible=0,
    )


@post_app.command("presets")
def post_presets(json: JsonOption = False) -> None:
    """List the platform presets and their limits (set your own under [presets])."""
    from tracker.core.durations import format_video_length

    _database, context = state.open(create=False)
    presets = list(context.settings.presets)
    if json:
        render.as_json(presets)
        return

    def limit(value: int | None) -> str:
        return "-" if value is None else str(value)

    render.table(
        ("preset", "platform", "length", "images", "caption", "hashtags", "frames"),
        [
            (
                preset.name,
                preset.platform,
                format_video_length(preset.max_seconds) if preset.max_seconds else "-",
                limit(preset.max_images),
                limit(preset.max_caption),
                limit(preset.max_hashtags),
                ", ".join(preset.aspects) or "any",
            )
            for preset in presets
        ],
        flexible=0,
    )


def _changes(
    context: Context,
    length: str | None,
    images: int | None,
    aspect: str | None,
    caption: str | None,
    at: str | None,
    url: str | None,
    published: str | None,
    anyway: bool,
) -> dict[str, Any]:
    """The fields given on the command line, read into values."""
    given: dict[str, Any] = {
        "length_seconds": video_length(length),
        "images": images,
        "aspect": aspect,
        "caption": caption,
        "publish_at": when(at, context, anyway=anyway),
        "url": url,
        "published_at": when(published, context, anyway=anyway),
    }
    return {name: value for name, value in given.items() if value is not None}


def _warn(view: PostView) -> None:
    for problem in view.over_preset:
        render.say(f"Over its preset: {problem}.")
