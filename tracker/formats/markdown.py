"""The report as Markdown: a heading, the figures in tables, readable as plain text too."""

from __future__ import annotations

from tracker.core.text import terminal_safe
from tracker.formats.rows import Section, hours, numeric, sections
from tracker.services.reports import Report


def write(report: Report) -> str:
    lines = [f"# Review of {title(report)}", "", *_overview(report)]
    for section in sections(report):
        lines += ["", f"## {section.title}", "", *_table(section)]
    lines += ["", "---", "", f"_{_escape(report.note)}_", ""]
    return "\n".join(lines)


def title(report: Report) -> str:
    """``2026-W47 (Mon 16 Nov – Sun 22 Nov 2026)``: the period as every format heads it."""
    period = report.period
    first = "%a %d %b" if period.first.year == period.last.year else "%a %d %b %Y"
    days = f"{period.first:{first}} – {period.last:%a %d %b %Y}"
    return f"{period.label} ({days})" if period.kind in ("week", "month") else days


def _overview(report: Report) -> list[str]:
    who = ", ".join(_escape(name) for name in report.members)
    published = len(report.published)
    return [
        f"- **{hours(report.total_hours)} h** logged by {who}",
        f"- **{published}** published, **{len(report.created)}** new on the board, "
        f"**{report.ideas_in_stock}** ideas in stock",
        f"- Hours per published video (median): **{hours(report.hours_per_video)}**",
    ]


def _table(section: Section) -> list[str]:
    if not section.rows:
        return [section.empty]
    header = "| " + " | ".join(section.headers) + " |"
    columns = range(len(section.headers))
    rule = "|" + "|".join(" ---: " if numeric(section, n) else " --- " for n in columns) + "|"
    body = ["| " + " | ".join(_escape(cell) for cell in row) + " |" for row in section.rows]
    return [header, rule, *body]


def _escape(text: str) -> str:
    """User text in a table cell: pipes and Markdown punctuation shown as typed, lines joined,
    control characters (a terminal's escape codes) written as escapes."""
    cleaned = terminal_safe(" ".join(text.split()))
    for mark in ("\\", "|", "*", "_", "`", "[", "]", "<", ">"):
        cleaned = cleaned.replace(mark, "\\" + mark)
    return cleaned
