"""The report as one self-contained HTML page, to open offline, send, or print.

The tables are the rows Markdown writes (``tracker.formats.rows``), so the two never differ. The
charts are inline SVG drawn by pygal (docs/reports.md says why pygal), in the palette of the
app's own charts. Nothing in the page is fetched or run: no script, no font, no link out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import pygal
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from pygal.style import Style

from tracker.core.durations import hours_number
from tracker.core.palette import RGB, colour_of
from tracker.formats.markdown import title
from tracker.formats.rows import hours, hours_over_time, numeric, sections
from tracker.services.reports import Report, Summary

# The fonts the reader's system has: nothing to fetch, and the same look as the page around.
FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif'
WIDTH = 800  # the charts' drawing units; the page scales them to its width (A4 when printed)
PRINTED_VALUES_UP_TO = 31  # bars with their figure written on them: a month's days at most
LABELS_UP_TO = 31  # x labels shown before only every n-th is
EDGED_UP_TO = 93  # bars with a dark edge: past about a quarter's days, bars are too thin


@dataclass(frozen=True)
class Chart:
    """A chart of the report: its SVG, or ``None`` and what to say when there is nothing."""

    title: str
    svg: Markup | None
    nothing: str


def write(report: Report) -> str:
    page = _templates().get_template("report.html.j2")
    return page.render(
        report=report,
        title=title(report),
        hours=hours,
        sections=list(sections(report)),
        numeric=numeric,
        charts=[_periods(report), _days(report), _activities(report)],
    )


@cache
def _templates() -> Environment:
    """Autoescaping on: titles, names and notes are the user's text."""
    return Environment(
        loader=PackageLoader("tracker.formats"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _periods(report: Report) -> Chart:
    """Hours of this period and the ones before, stacked by activity, oldest on the left; the
    videos published in each are written under its bar."""
    about = "Hours per period by activity, with the videos published in each"
    if not report.earlier:
        return Chart(about, None, "Nothing to compare: no periods before this one.")
    lines: list[Summary] = [*reversed(report.earlier), report.summary]
    if not any(line.total_hours or line.published for line in lines):
        return Chart(about, None, "Nothing to chart: no hours logged and nothing published.")
    names = list(dict.fromkeys(n for line in reversed(lines) for n in line.hours_by_activity))
    chart = _chart(
        pygal.StackedBar,
        "periods",
        about,
        [colour_of(name) for name in names],
        height=400,
        x_label_rotation=20,
    )
    chart.x_labels = [f"{line.label}: {line.published} published" for line in lines]
    for name in names:
        chart.add(name, [line.hours_by_activity.get(name) or None for line in lines])
    return _done(chart, about)


def _days(report: Report) -> Chart:
    """Hours on each day, coloured by weekday as the app's load chart colours them; a long
    period by week or by month, in one colour."""
    unit, spans = hours_over_time(report)
    about = f"Hours per {unit}"
    if not any(value for _, value in spans):
        return Chart(about, None, "Nothing to chart: no hours were logged.")
    count = len(spans)
    chart = _chart(
        pygal.Bar,
        "days",
        about,
        [],
        edged=count <= EDGED_UP_TO,
        height=340,
        show_legend=False,
        print_values=count <= PRINTED_VALUES_UP_TO,
        x_label_rotation=0 if report.period.kind == "week" else 45,
        show_minor_x_labels=count <= LABELS_UP_TO,
        x_labels_major_every=math.ceil(count / LABELS_UP_TO),
    )
    if unit == "day":
        days = report.hours_by_day
        chart.x_labels = [f"{day.day:{_day_format(report)}}" for day in days]
        colours = [colour_of(f"{day.day:%a}") for day in days]
    else:
        chart.x_labels = [label for label, _ in spans]
        colours = [colour_of("edit")] * count
    chart.add(
        "hours",
        [
            {"value": value or None, "color": _hex(colour)}
            for (_, value), colour in zip(spans, colours, strict=True)
        ],
    )
    return _done(chart, about)


def _day_format(report: Report) -> str:
    """Short enough to fit under a bar: the weekday in a week, the year only when it changes."""
    period = report.period
    if period.kind == "week":
        return "%a %d"
    return "%d %b" if period.first.year == period.last.year else "%Y-%m-%d"


def _activities(report: Report) -> Chart:
    """The period's hours by activity, the most on top."""
    about = "Hours by activity"
    spent = report.hours_by_activity
    if not any(spent.values()):
        return Chart(about, None, "Nothing to chart: no hours were logged.")
    chart = _chart(
        pygal.HorizontalBar,
        "activities",
        about,
        [],
        height=110 + 34 * len(spent),
        show_legend=False,
        print_values=True,
    )
    shown = list(reversed(spent.items()))  # pygal draws the first label at the bottom
    chart.x_labels = [name for name, _ in shown]
    chart.add("hours", [{"value": value, "color": _hex(colour_of(name))} for name, value in shown])
    return _done(chart, about)


def _chart(
    kind: Callable[..., Any],
    key: str,
    about: str,
    colours: Sequence[RGB],
    edged: bool = True,
    **options: Any,
) -> Any:
    """A pygal chart as every chart of the page is drawn: black on white, the system's fonts,
    whole-tenth hours, and no script (pygal's tooltips need one; the tables hold the figures).
    ``key`` names the chart's element, so the page is the same bytes for the same report;
    ``edged`` draws a dark edge round each bar (too many bars would be only edge)."""
    style = Style(
        background="white",
        plot_background="white",
        foreground="#000",
        foreground_strong="#000",
        foreground_subtle="#666",
        guide_stroke_color="#bbb",
        major_guide_stroke_color="#999",
        opacity="1",
        opacity_hover="1",
        colors=tuple(_hex(colour) for colour in colours) or ("#000",),
        value_colors=("#000",) * max(1, len(colours)),
        font_family=FONTS,
        title_font_size=18,
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=14,
        value_font_size=13,
    )
    chart = kind(
        title=about,
        style=style,
        width=WIDTH,
        js=[],
        css=["file://style.css", "file://graph.css", _legible(f"#chart-{key}", edged)],
        disable_xml_declaration=True,
        legend_at_bottom=True,
        truncate_label=-1,
        truncate_legend=-1,
        formatter=hours_number,
        **options,
    )
    chart.uuid = key  # pygal's own is random; its element id and styles are "chart-" + this
    chart.add_xml_filter(_offline(about))
    return chart


def _legible(chart: str, edged: bool) -> str:
    """A thin dark edge keeps the palette's light colours (yellow, cyan, pink) visible on white
    paper, and a white halo a figure written on a bar readable on any colour. Scoped by the
    chart's id, as pygal scopes its own styles (which take the stroke off every text)."""
    edge = "#333" if edged else "none"
    return (
        f"inline:{chart} .rect.reactive {{ stroke: {edge}; stroke-width: 0.6; }}"
        f" {chart} .text-overlay text.value"
        " { stroke: #fff !important; stroke-width: 3px; paint-order: stroke; }"
    )


def _done(chart: Any, about: str) -> Chart:
    return Chart(about, Markup(chart.render(is_unicode=True)), "")


def _offline(about: str) -> Callable[[Any], Any]:
    """A pygal XML filter: drop the script pygal always writes (its config for tooltips) and its
    comments (links to its site), and name the chart for screen readers. The tree is the
    standard library's, or lxml's (namespaced tags) where that is installed."""

    def clean(root: Any) -> Any:
        for parent in list(root.iter()):
            for child in list(parent):
                if not isinstance(child.tag, str) or _name(child) == "script":
                    parent.remove(child)
        root.set("role", "img")
        root.set("aria-label", about)
        for child in list(root):
            if _name(child) == "title":  # a screen reader takes the first child as the name
                root.remove(child)
                root.insert(0, child)
        return root

    return clean


def _name(element: Any) -> str:
    """An element's tag without its namespace."""
    return str(element.tag).rsplit("}", 1)[-1]


def _hex(colour: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)
