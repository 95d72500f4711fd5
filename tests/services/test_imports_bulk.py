"""The fast paths of a large import store, find and name rows exactly as the plain ones do."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import insert
from sqlmodel import select

from tests.conftest import ZONE
from tracker.db.bulk import BulkRows
from tracker.db.models import TimeEntry
from tracker.services.imports import row_id, row_ids, table_of

VARYING = ("id", "number", "start_at", "end_at", "note")


def test_bulk_rows_store_every_value_as_sqlalchemy_itself_does(database, ctx):
    table = table_of(TimeEntry)
    now = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    # Another zone and microseconds: the stored form comes from the column types alone.
    start = datetime(2026, 11, 20, 20, 0, 0, 250_000, tzinfo=ZONE)
    constants = {
        "created_at": now,
        "updated_at": now,
        "version": 1,
        "member_id": ctx.member_id,
        "activity": "edit",
        "source": "watson",
    }
    plain_id, bulk_id = uuid.uuid4(), uuid.uuid4()

    def write(session):
        values = (start, start.replace(microsecond=0) + timedelta(minutes=30), "a note")
        plain = dict(zip(VARYING, (plain_id, 1, *values), strict=True))
        session.execute(insert(table), [{**constants, **plain}])
        bulk = BulkRows(session, table, VARYING, constants)
        bulk.insert([(bulk_id, 2, *values)])
        stored = bulk.processor("id")
        return bulk.find("id", [stored(bulk_id), stored(uuid.uuid4())], "id", "number")

    found = database.run_write(write)

    assert [number for _id, number in found] == [2]
    with database.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT * FROM time_entry WHERE number IN (1, 2) ORDER BY number"
        ).all()
    plain, bulk = ({**row._asdict(), "id": None, "number": None} for row in rows)
    assert bulk == plain


def test_bulk_rows_take_values_already_stored_for_the_ready_columns(database, ctx):
    table = table_of(TimeEntry)
    now = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    constants = {"created_at": now, "updated_at": now, "version": 1, "member_id": ctx.member_id}
    columns = ("id", "number", "activity", "start_at", "note", "source")

    def write(session):
        bulk = BulkRows(session, table, columns, constants, ready=("id", "start_at"))
        stored_id, stored_instant = bulk.processor("id"), bulk.processor("start_at")
        bulk.insert([(stored_id(uuid.uuid4()), 7, "edit", stored_instant(now), "", "watson")])

    database.run_write(write)
    with database.read() as session:
        (entry,) = session.exec(select(TimeEntry)).all()
    assert (entry.number, entry.start_at, entry.end_at) == (7, now, None)


@given(parts=st.lists(st.text(max_size=6), max_size=3), last=st.text(max_size=12))
def test_row_ids_made_in_bulk_are_the_row_ids(parts, last):
    assert row_ids(*parts)(last) == row_id(*parts, last)
