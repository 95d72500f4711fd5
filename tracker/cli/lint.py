"""``tracker lint``: flag words in the videos' text that could identify a patient.

The exit code is for scripts and hooks, as grep's is: 0 nothing found, 1 something found, 2
nothing could be checked (a bad VIDEO, a mistake in the config, a database that cannot be
read). Refusals that other commands exit 1 for exit 2 here, so that 1 always means findings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli import render
from tracker.cli.base import app, state
from tracker.core.errors import InputError, TrackerError

if TYPE_CHECKING:
    from tracker.services.lint import FieldFinding, VideoLint

FOUND_EXIT_CODE = 1
SHOWN_TEXT_CHARS = 60  # of a finding's words: a run of digits can be as long as the notes
AID = (
    "An aid, not a guarantee: it misses things and cannot see images; "
    "check each post yourself before you publish."
)


@app.command("lint")
def lint(
    ref: Annotated[
        str | None,
        typer.Argument(
            metavar="VIDEO",
            help="Check only this video (12, #12 or a piece of its title), even if published.",
        ),
    ] = None,
    json: Annotated[
        bool, typer.Option("--json", help="Print the videos checked and their findings as JSON.")
    ] = False,
) -> None:
    """Flag words in your videos' text that could identify a patient: dates, hints of when,
    exact ages, record numbers, names, your local_words.

    Without VIDEO, checks every video on the board not yet published. Exits 1 when anything is
    found, 0 when nothing is, 2 when nothing could be checked. An aid, not a guarantee.
    """
    from tracker.services import lint as linting

    try:
        database, context = state.open(create=False)
        with database.read() as session:
            checked = (
                [linting.lint_video(session, context, ref)]
                if ref is not None
                else linting.lint_board(session, context)
            )
    except TrackerError as error:
        if error.exit_code == FOUND_EXIT_CODE:  # 1 means findings here; say it another way
            raise InputError(str(error)) from None
        raise
    found = sum(len(video.findings) for video in checked)
    if json:
        render.as_json(checked)
    else:
        _print(checked, found, linting.LINTED_FIELDS, whole_board=ref is None)
    if found:
        raise typer.Exit(FOUND_EXIT_CODE)


def _print(
    checked: list[VideoLint], found: int, fields: tuple[str, ...], *, whole_board: bool
) -> None:
    """Each video with findings, a heading and then one line per finding, and a summary."""
    read = "read: " + ", ".join(fields)
    flagged = [video for video in checked if video.findings]
    for video in flagged:
        render.say(f"{render.video_name(video.number, video.title)} ({video.stage})")
        for finding in video.findings:
            render.say(_finding_line(video.number, finding))
        render.say("")
    if not checked:
        render.say(
            "No video on the board is waiting to be published; "
            "to check a published one, name it: tracker lint 12"
        )
        return
    if not whole_board:
        where = f"#{checked[0].number}"
    elif found:
        where = f"{len(flagged)} of {_videos(len(checked))}"
    else:
        where = _videos(len(checked))
    if found:
        render.say(f"{found} finding{'s' if found != 1 else ''} in {where} ({read}). {AID}")
    else:
        render.say(f"Nothing found in {where} ({read}). {AID}")


def _finding_line(number: int, finding: FieldFinding) -> str:
    """``#12 notes 14-25 age "43-year-old": why``, on one line whatever the words hold; a post
    over its preset as ``#12 post tiktok: over its preset: what``."""
    if finding.rule == "preset":
        return f"#{number} {finding.field}: over its preset: {render.safe(finding.why)}"
    words = finding.text
    if len(words) > SHOWN_TEXT_CHARS:
        words = words[: SHOWN_TEXT_CHARS - 1] + "…"
    span = f"{finding.start}-{finding.end}"
    return (
        f"#{number} {finding.field} {span} {finding.rule} "
        f'"{render.safe(words)}": {render.safe(finding.why)}'
    )


def _videos(count: int) -> str:
    return f"{count} video{'s' if count != 1 else ''}"
