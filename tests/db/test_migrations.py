"""The migration scripts: they reach head, match the models, keep data, and fail cleanly."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Engine, bindparam, inspect, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import select

from tests.helpers import TRACKER_TABLES, revision_of
from tracker.db import migrate
from tracker.db.database import HEAD_REVISION, open_database
from tracker.db.engine import make_engine, schema_transaction
from tracker.db.models import Member, StageChange, TimeEntry, Video, metadata


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    yield engine
    engine.dispose()


def run(engine: Engine, config: Config, action: str, target: str) -> None:
    """Run an Alembic command on ``engine`` in one schema transaction, as the app does."""
    with schema_transaction(engine) as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, target)


def tmp_tables(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(
            connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE name LIKE '\\_alembic\\_tmp\\_%' ESCAPE '\\'"
            ).scalars()
        )


def test_the_head_revision_in_code_matches_the_migration_scripts():
    assert migrate.head_revision() == HEAD_REVISION


def test_upgrading_an_empty_database_reaches_the_head_revision(engine):
    migrate.upgrade_to(engine)
    assert revision_of(engine) == HEAD_REVISION
    assert set(inspect(engine).get_table_names()) == TRACKER_TABLES


# SQLite's reflection cannot read an index on an expression; the next test checks that one.
@pytest.mark.filterwarnings("ignore:.*expression-based index:UserWarning")
@pytest.mark.filterwarnings("ignore:.*expression-based index:sqlalchemy.exc.SAWarning")
def test_the_upgraded_schema_matches_the_models_exactly(engine):
    migrate.upgrade_to(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_a_video_is_found_by_its_title_in_any_case_through_an_index(sqlite_engine):
    migrate.upgrade_to(sqlite_engine)
    lookup = select(Video.id).where(sa.func.lower(Video.title) == sa.func.lower("Ct Basics"))
    with sqlite_engine.connect() as connection:
        sql = str(lookup.compile(sqlite_engine, compile_kwargs={"literal_binds": True}))
        plan = " ".join(row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
    assert "USING INDEX ix_video_title_lower" in plan


# --- data written by the first release survives the upgrade ---------------------------------

MEMBER_ID = uuid.UUID("11111111-2222-3333-4444-555555555555")
VIDEO_IDS = (
    uuid.UUID("aaaaaaaa-0000-0000-0000-000000000001"),
    uuid.UUID("aaaaaaaa-0000-0000-0000-000000000002"),
)
CHANGE_ID = uuid.UUID("cccccccc-0000-0000-0000-000000000001")
CREATED = datetime(2026, 11, 20, 8, 30, 15, 123456, tzinfo=UTC)
UPDATED = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
PUBLISH_AT = datetime(2026, 12, 3, 17, 0, tzinfo=UTC)
MOVED_AT = datetime(2026, 11, 22, 14, 45, 30, tzinfo=UTC)
DELETED_AT = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)

# The column types of revision 0001, so that the rows are stored as that release stored them.
TYPES = {
    "id": sa.Uuid(),
    "assignee_id": sa.Uuid(),
    "video_id": sa.Uuid(),
    "member_id": sa.Uuid(),
    "created_at": sa.DateTime(timezone=True),
    "updated_at": sa.DateTime(timezone=True),
    "deleted_at": sa.DateTime(timezone=True),
    "publish_at": sa.DateTime(timezone=True),
    "published_at": sa.DateTime(timezone=True),
    "at": sa.DateTime(timezone=True),
    "due_on": sa.Date(),
    "evergreen": sa.Boolean(),
}

MEMBER_ROW = {
    "id": MEMBER_ID,
    "created_at": CREATED,
    "updated_at": UPDATED,
    "version": 3,
    "deleted_at": None,
    "name": "ana",
}
VIDEO_ROWS = [
    {
        "id": VIDEO_IDS[0],
        "created_at": CREATED,
        "updated_at": UPDATED,
        "version": 2,
        "deleted_at": None,
        "number": 1,
        "title": "Five signs of appendicitis — “a case”",
        "stage": "edit",
        "position": 1.5,
        "platforms": ",youtube,tiktok,",
        "tags": ",medicine,er,",
        "format": "long",
        "target_seconds": 600,
        "actual_seconds": 640,
        "due_on": date(2026, 12, 1),
        "publish_at": PUBLISH_AT,
        "published_at": None,
        "url": "https://example.com/v/1",
        "series": "Unknown case",
        "case_number": 12,
        "category": "case",
        "evergreen": True,
        "thumbnail_status": "draft",
        "notes": "line one\nline two, with ,commas,",
        "assignee_id": MEMBER_ID,
    },
    {
        "id": VIDEO_IDS[1],
        "created_at": CREATED,
        "updated_at": CREATED,
        "version": 1,
        "deleted_at": DELETED_AT,
        "number": 2,
        "title": "Dropped idea",
        "stage": "idea",
        "position": 0.0,
        "platforms": ",youtube,",
        "tags": "",
        "format": None,
        "target_seconds": None,
        "actual_seconds": None,
        "due_on": None,
        "publish_at": None,
        "published_at": None,
        "url": None,
        "series": None,
        "case_number": None,
        "category": None,
        "evergreen": False,
        "thumbnail_status": None,
        "notes": "",
        "assignee_id": None,
    },
]
CHANGE_ROW = {
    "id": CHANGE_ID,
    "video_id": VIDEO_IDS[0],
    "from_stage": "idea",
    "to_stage": "edit",
    "at": MOVED_AT,
    "member_id": MEMBER_ID,
    "created_at": MOVED_AT,
}


def insert_raw(connection: sa.Connection, table: str, row: dict[str, object]) -> None:
    columns = ", ".join(row)
    values = ", ".join(f":{name}" for name in row)
    statement = text(f"INSERT INTO {table} ({columns}) VALUES ({values})").bindparams(
        *(bindparam(name, type_=TYPES[name]) for name in row if name in TYPES)
    )
    connection.execute(statement, row)


def test_data_from_the_first_revision_survives_the_upgrade_to_head(db_url, engine):
    migrate.upgrade_to(engine, "0001")
    with engine.begin() as connection:
        insert_raw(connection, "member", MEMBER_ROW)
        for row in VIDEO_ROWS:
            insert_raw(connection, "video", row)
        insert_raw(connection, "stage_change", CHANGE_ROW)
    with engine.connect() as connection:
        columns = {
            table: ", ".join(connection.execute(text(f"SELECT * FROM {table}")).keys())
            for table in ("member", "video", "stage_change")
        }
        stored_before = {
            table: sorted(map(tuple, connection.execute(text(f"SELECT {names} FROM {table}"))))
            for table, names in columns.items()
        }

    database = open_database(db_url)
    try:
        assert revision_of(database.engine) == HEAD_REVISION
        with database.engine.connect() as connection:
            stored_after = {  # the columns that were there before, later ones added beside
                table: sorted(map(tuple, connection.execute(text(f"SELECT {names} FROM {table}"))))
                for table, names in columns.items()
            }
        assert stored_after == stored_before

        with database.read() as session:
            member = session.exec(select(Member)).one()
            videos = session.exec(select(Video).order_by(Video.number)).all()
            change = session.exec(select(StageChange)).one()
            assert member.model_dump() == MEMBER_ROW
            for video, row in zip(videos, VIDEO_ROWS, strict=True):
                expected = dict(row)
                expected["platforms"] = [w for w in str(row["platforms"]).split(",") if w]
                expected["tags"] = [w for w in str(row["tags"]).split(",") if w]
                expected["archived_at"] = None  # added by 0007: nothing old is archived
                expected |= {"caption": "", "alt_text": "", "checked": []}  # by 0011: empty
                expected["answer_to"] = None  # by 0012: no answer cards before series
                assert video.model_dump() == expected
            assert change.model_dump() == CHANGE_ROW

        def log_time(session):
            session.add(
                TimeEntry(
                    number=1,
                    member_id=MEMBER_ID,
                    video_id=VIDEO_IDS[0],
                    activity="edit",
                    start_at=datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
                    end_at=datetime(2026, 11, 25, 10, 30, tzinfo=UTC),
                    note="first cut",
                )
            )
            session.add(
                TimeEntry(
                    number=2,
                    member_id=MEMBER_ID,
                    activity="script",
                    start_at=datetime(2026, 11, 25, 11, 0, tzinfo=UTC),
                )
            )

        database.run_write(log_time)
        with database.read() as session:
            entries = session.exec(select(TimeEntry).order_by(TimeEntry.number)).all()
            assert [(e.number, e.video_id, e.end_at is None) for e in entries] == [
                (1, VIDEO_IDS[0], False),
                (2, None, True),
            ]
        # The new table's rules hold: one running timer per member.
        second_running = TimeEntry(
            number=3,
            member_id=MEMBER_ID,
            activity="edit",
            start_at=datetime(2026, 11, 25, 12, 0, tzinfo=UTC),
        )
        with pytest.raises(IntegrityError):
            database.run_write(lambda session: session.add(second_running))
    finally:
        database.dispose()


# --- downgrade, and failures ---------------------------------------------------------------


def test_downgrading_to_base_and_upgrading_again_works_on_sqlite(sqlite_engine):
    migrate.upgrade_to(sqlite_engine)
    config = migrate.alembic_config()

    run(sqlite_engine, config, "downgrade", "0001")
    assert revision_of(sqlite_engine) == "0001"
    assert "time_entry" not in inspect(sqlite_engine).get_table_names()

    run(sqlite_engine, config, "downgrade", "base")
    assert revision_of(sqlite_engine) is None
    assert set(inspect(sqlite_engine).get_table_names()) == {"alembic_version"}

    migrate.upgrade_to(sqlite_engine)
    assert revision_of(sqlite_engine) == HEAD_REVISION
    assert set(inspect(sqlite_engine).get_table_names()) == TRACKER_TABLES
    assert tmp_tables(sqlite_engine) == []


def test_a_failed_upgrade_is_rolled_back_whole_and_leaves_no_temporary_table(sqlite_engine):
    migrate.upgrade_to(sqlite_engine, "0001")
    with sqlite_engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE time_entry (mine TEXT)")
        connection.exec_driver_sql("INSERT INTO time_entry VALUES ('kept')")

    with pytest.raises(OperationalError, match="already exists"):
        migrate.upgrade_to(sqlite_engine)

    assert tmp_tables(sqlite_engine) == []
    assert revision_of(sqlite_engine) == "0001"
    with sqlite_engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT * FROM time_entry").all() == [("kept",)]
    assert [c["name"] for c in inspect(sqlite_engine).get_columns("time_entry")] == ["mine"]


# A later release will add migrations that rebuild tables (SQLite batch mode). These tests run
# such a migration through the shipped env.py, from a copy of the scripts with one more added.

REBUILD_TEMPLATE = """
import sqlalchemy as sa
from alembic import op

revision = "rebuild"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("{table}", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("extra", sa.String(length=20), nullable=True))
    {after}


def downgrade():
    with op.batch_alter_table("{table}", recreate="always") as batch_op:
        batch_op.drop_column("extra")
"""


def config_with_rebuild(tmp_path: Path, table: str, after: str = "pass") -> Config:
    scripts = tmp_path / "scripts"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_rebuild.py").write_text(
        REBUILD_TEMPLATE.format(table=table, after=after, head=HEAD_REVISION)
    )
    config = migrate.alembic_config()
    config.set_main_option("script_location", str(scripts))
    return config


def fill_board(engine: Engine) -> None:
    with engine.begin() as connection:
        insert_raw(connection, "member", MEMBER_ROW)
        insert_raw(connection, "video", VIDEO_ROWS[0])
        insert_raw(connection, "stage_change", CHANGE_ROW)


@pytest.mark.filterwarnings("ignore:.*expression-based index:sqlalchemy.exc.SAWarning")
def test_a_migration_failing_after_a_table_rebuild_leaves_no_temporary_table(
    tmp_path, sqlite_engine
):
    migrate.upgrade_to(sqlite_engine)
    fill_board(sqlite_engine)
    config = config_with_rebuild(tmp_path, "stage_change", after='raise RuntimeError("boom")')

    with pytest.raises(RuntimeError, match="boom"):
        run(sqlite_engine, config, "upgrade", "head")

    assert tmp_tables(sqlite_engine) == []
    assert revision_of(sqlite_engine) == HEAD_REVISION
    columns = [c["name"] for c in inspect(sqlite_engine).get_columns("stage_change")]
    assert "extra" not in columns
    with sqlite_engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM stage_change").scalar() == 1


def test_a_migration_rebuilding_a_referenced_table_keeps_every_row(tmp_path, sqlite_engine):
    migrate.upgrade_to(sqlite_engine)
    fill_board(sqlite_engine)
    config = config_with_rebuild(tmp_path, "member")

    run(sqlite_engine, config, "upgrade", "head")

    assert revision_of(sqlite_engine) == "rebuild"
    with sqlite_engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT name FROM member").scalars().all() == ["ana"]
        assert connection.exec_driver_sql("SELECT count(*) FROM video").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
