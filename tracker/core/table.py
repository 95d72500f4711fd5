"""Plain aligned text tables for the command line.

Rich renders beautiful tables but takes over a second for a couple of thousand rows; a listing
must stay instant, so this lays out plain columns and shortens them to fit a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

GAP = "  "
MIN_SHRUNK_WIDTH = 8


def format_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int | None,
    *,
    flexible: int = 0,
) -> str:
    """Columns padded to their widest cell, cut with … to fit ``width`` (None: never cut).

    The ``flexible`` column (a title, a note) gives up its width first, then the widest others.
    """
    widths = [len(header) for header in headers]
    for row in rows:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], len(cell))
    if width is not None:
        _shrink(widths, sum(widths) + len(GAP) * (len(widths) - 1) - width, flexible)
    lines = [_line(headers, widths)] + [_line(row, widths) for row in rows]
    return "\n".join(lines)


def _shrink(widths: list[int], excess: int, flexible: int) -> None:
    if excess <= 0:
        return
    give = min(excess, max(0, widths[flexible] - MIN_SHRUNK_WIDTH))
    widths[flexible] -= give
    excess -= give
    while excess > 0:
        widest = max(range(len(widths)), key=widths.__getitem__)
        if widths[widest] <= MIN_SHRUNK_WIDTH:
            return
        widths[widest] -= 1
        excess -= 1


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return GAP.join(_fit(cell, size) for cell, size in zip(cells, widths, strict=True)).rstrip()


def _fit(cell: str, size: int) -> str:
    return cell.ljust(size) if len(cell) <= size else cell[: size - 1] + "…"
