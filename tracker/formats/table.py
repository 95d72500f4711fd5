"""The report as CSV: one row per line of each table (section, period, cells...), for a
spreadsheet. Figures go in as numbers and an empty figure as an empty cell; text a person
typed is neutralised against formula injection."""

from __future__ import annotations

import csv
import io

from tracker.core.spreadsheet import Cell, spreadsheet_row
from tracker.formats.rows import NONE, is_figure, sections
from tracker.services.reports import Report


def write(report: Report) -> str:
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\n")
    rows.writerow(["section", "period", "values..."])
    label = report.period.label
    for section in sections(report):
        rows.writerow([section.key, label, *section.headers])
        for row in section.rows:
            rows.writerow(spreadsheet_row([section.key, label, *map(_cell, row)]))
    return out.getvalue()


def _cell(text: str) -> Cell:
    if text == NONE:
        return None
    if not is_figure(text):
        return text
    return int(text) if text.isdigit() else float(text)
