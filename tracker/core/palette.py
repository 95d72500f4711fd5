"""One palette for every picture: a stage, an activity or a figure has the same colour in the
terminal charts and in the HTML report."""

from __future__ import annotations

import zlib

from tracker.core.stages import DROPPED_STAGE

RGB = tuple[int, int, int]

# One palette for every chart: a name (a stage, an activity, a figure) has the same colour
# wherever it is drawn. The stages and activities every board has get distinct hues, picked
# from Trubetskoy's list of 20 distinct colours so they read on dark and light terminals.
STAGE_COLOURS: dict[str, RGB] = {
    "idea": (255, 225, 25),  # yellow
    "script": (70, 240, 240),  # cyan
    "record": (230, 25, 75),  # red
    "edit": (0, 130, 200),  # blue
    "review": (245, 130, 48),  # orange
    "scheduled": (145, 30, 180),  # purple
    "published": (60, 180, 75),  # green
    DROPPED_STAGE: (128, 128, 128),  # grey
}
ACTIVITY_COLOURS: dict[str, RGB] = {
    "admin": (170, 110, 40),  # brown
    "learning": (240, 50, 230),  # magenta
    "comments": (250, 190, 212),  # pink
    "other": (0, 128, 128),  # teal
}
# Figures get hues no stage or activity has. Weekdays never share a chart with a stage or an
# activity, and seven more distinct hues would not read on a terminal: they reuse the stages'.
FIGURE_COLOURS: dict[str, RGB] = {
    "median": (100, 110, 255),  # indigo
    "85th percentile": (230, 190, 255),  # lavender
    "rolling 4 weeks": (210, 245, 60),  # lime
    "views per hour": (100, 110, 255),  # indigo
    "Mon": (0, 130, 200),
    "Tue": (70, 240, 240),
    "Wed": (60, 180, 75),
    "Thu": (210, 245, 60),
    "Fri": (255, 225, 25),
    "Sat": (245, 130, 48),
    "Sun": (230, 25, 75),
}
PALETTE: dict[str, RGB] = {**STAGE_COLOURS, **ACTIVITY_COLOURS, **FIGURE_COLOURS}
# For stages a config adds: colours no default name uses, chosen by the name itself.
SPARE_COLOURS: tuple[RGB, ...] = (
    (170, 255, 195),  # mint
    (255, 215, 180),  # apricot
    (128, 128, 0),  # olive
    (255, 250, 200),  # beige
    (150, 200, 255),  # sky
    (190, 90, 90),  # rose
)


def colour_of(name: str) -> RGB:
    """The colour ``name`` has in every chart; a stage of one's own config gets a spare one."""
    known = PALETTE.get(name)
    if known is not None:
        return known
    return SPARE_COLOURS[zlib.crc32(name.encode()) % len(SPARE_COLOURS)]
