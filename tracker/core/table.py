"""Plain aligned text tables for the command line.

Rich renders beautiful tables but takes over a second for a couple of thousand rows; a listing
must stay instant, so this lays out plain columns and shortens the widest one to fit.
"""

from __future__ import annotations

from collections.abc import Sequence

GAP = "  "
MIN_SHRUNK_WIDTH = 8


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> str:
    """Columns padded to their widest cell; the widest columns are cut with … to fit ``width``."""
    widths = [len(header) for header in headers]
    for row in rows:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], len(cell))
    excess = sum(widths) + len(GAP) * (len(widths) - 1) - width
    while excess > 0:
        widest = max(range(len(widths)), key=widths.__getitem__)
        if widths[widest] <= MIN_SHRUNK_WIDTH:
            break
        widths[widest] -= 1
        excess -= 1
    lines = [_line(headers, widths)] + [_line(row, widths) for row in rows]
    return "\n".join(lines)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return GAP.join(_fit(cell, size) for cell, size in zip(cells, widths, strict=True)).rstrip()


def _fit(cell: str, size: int) -> str:
    return cell.ljust(size) if len(cell) <= size else cell[: size - 1] + "…"
