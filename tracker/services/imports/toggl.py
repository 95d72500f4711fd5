"""Toggl Track's detailed report, exported as CSV (Reports → Detailed → Export → CSV).

Its times carry no zone: Toggl writes them in the zone of the profile that exported them, and
they are read here in the member's zone. The export has no id for an entry, so one is made
from what the row says (user, start, end, description): the same row imported again is known.
A team's report holds everyone's rows; ``user`` picks one person's (by name or e-mail), and
is refused, naming the people the report holds, when it picks nobody's.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlmodel import Session

from tracker.core.errors import InputError
from tracker.core.imports import SourceEntry
from tracker.core.imports.cells import moment, text_of
from tracker.core.imports.formats import ODS, OLE, XLSX
from tracker.core.stages import PUBLISHED_STAGE
from tracker.services.context import Context
from tracker.services.imports import ImportResult, Progress, SourceFile, located
from tracker.services.imports.entries import Source, import_entries
from tracker.services.imports.tables import CSV_REMEDIES, Table, read_csv

REQUIRED = ("Start date", "Start time", "End date", "End time")
OPTIONAL = ("User", "Email", "Project", "Task", "Description", "Tags")
WHAT = "a Toggl Track detailed report exported as CSV"
_EXPORT_CSV = "export the report again as CSV (Reports, Detailed, Export, CSV)"
REMEDIES = {**CSV_REMEDIES, XLSX: _EXPORT_CSV, ODS: _EXPORT_CSV, OLE: _EXPORT_CSV}
PEOPLE_SHOWN = 10  # the people a refused --user lists; a team's report may hold many more


def import_toggl(
    session: Session,
    ctx: Context,
    path: str,
    *,
    user: str | None = None,
    stage: str = PUBLISHED_STAGE,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import the report's rows not imported before (one person's: see ``user``)."""
    from pathlib import Path

    table = read_csv(SourceFile(Path(path), WHAT, path, remedies=REMEDIES), progress)
    source = Source("toggl", "Toggl", "row", "says the same as", table.file.shown)
    rows = _entries(ctx, table, user)
    return import_entries(session, ctx, source, rows, stage=stage, dry_run=dry_run)


def _entries(ctx: Context, table: Table, user: str | None) -> Iterator[SourceEntry]:
    try:
        columns = table.columns({name: name for name in REQUIRED})
    except InputError:
        missing = [name for name in REQUIRED if name.lower() not in map(str.lower, table.header)]
        raise InputError(
            f"{table.file.shown} is not {WHAT}: it has no {' or '.join(missing)} column "
            f"(its columns are {table.names()})."
        ) from None
    present = [name for name in OPTIONAL if name.lower() in map(str.lower, table.header)]
    columns |= table.columns({name: name for name in present})
    wanted = user.strip().lower() if user is not None else None
    if wanted == "":
        raise InputError("--user is empty; give a person's name or e-mail as the report has it.")
    if wanted is not None and not {"User", "Email"} & set(columns):
        raise InputError(
            f"{table.file.shown} has no User or Email column, so it holds one person's work; "
            "leave out --user."
        )
    first_person: tuple[str, int] | None = None
    others: dict[str, None] = {}  # the people of the rows not wanted, in order, as shown
    matched = False
    for line, cells in table.rows:
        row = {name: text_of(cells[index]) for name, index in columns.items()}
        person = row.get("User") or row.get("Email") or ""
        if wanted is not None:
            if wanted not in (row.get("User", "").lower(), row.get("Email", "").lower()):
                if len(others) <= PEOPLE_SHOWN:
                    others[_person(row)] = None
                continue
            matched = True
        elif first_person is None:
            first_person = (person, line)
        elif person != first_person[0]:
            raise located(
                table.file.shown,
                line,
                f"this row is {person or 'nobody'}'s work, the rows before are "
                f"{first_person[0] or 'nobody'}'s; import one person's with --user NAME",
            )
        try:
            entry = _entry(ctx, line, row)
        except InputError as error:
            raise located(table.file.shown, line, str(error)) from None
        yield entry
    if wanted is not None and not matched:
        raise _nobody(table, user or "", list(others))


def _person(row: dict[str, str]) -> str:
    """How a refused --user names the person of a row: ``Ana (ana@example.com)``."""
    name, email = row.get("User", ""), row.get("Email", "")
    return f"{name} ({email})" if name and email else name or email or "nobody named"


def _nobody(table: Table, user: str, people: list[str]) -> InputError:
    """The refusal of a --user whose work the report does not hold, naming whose it holds."""
    if not people:
        return InputError(f"{table.file.shown} has no rows at all; nothing was imported.")
    listed = ", ".join(people[:PEOPLE_SHOWN])
    more = " and more" if len(people) > PEOPLE_SHOWN else ""
    return InputError(
        f'{table.file.shown} has no rows of "{user.strip()}"; its people are {listed}{more}: '
        "give --user one of their names or e-mails."
    )


def _entry(ctx: Context, line: int, row: dict[str, str]) -> SourceEntry:
    now, order = ctx.now(), ctx.settings.date_order
    start = moment(f"{row['Start date']} {row['Start time']}", now, order, "start")
    end = moment(f"{row['End date']} {row['End time']}", now, order, "end")
    task = row.get("Task", "")
    note = " — ".join(part for part in (task, row.get("Description", "")) if part)
    identity = (row.get("User", ""), row.get("Email", ""), start.isoformat(), end.isoformat())
    return SourceEntry(
        line=line,
        source_id="|".join((*identity, row.get("Description", ""))),
        start=start,
        end=end,
        project=row.get("Project") or None,
        tags=tuple(tag.strip() for tag in row.get("Tags", "").split(",") if tag.strip()),
        note=note,
    )
