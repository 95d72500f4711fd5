"""Synthetic databases for the benchmarks: bulk inserts, no services, reproducible."""

from __future__ import annotations

import os
import random
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from tracker.core.stages import DEFAULT_STAGES
from tracker.db.database import Database, open_database
from tracker.db.models import Member, StageChange, TimeEntry, Video
from tracker.services.context import Context
from tracker.session import open_workspace

BATCH = 10_000
MEMBER = "bench"


def fill(url: str, videos: int, entries: int) -> None:
    """Bulk-insert one member, ``videos`` cards and ``entries`` back-to-back time entries."""
    database = open_database(url)
    rng = random.Random(7)
    now = datetime.now(UTC)
    member_id = uuid.uuid4()
    with database.engine.begin() as connection:
        connection.execute(insert(Member.__table__), [{"id": member_id, "name": MEMBER}])
        video_ids = [uuid.uuid4() for _ in range(videos)]
        rows = [
            {
                "id": video_id,
                "number": number,
                "title": f"Synthetic video {number}",
                "stage": rng.choice(DEFAULT_STAGES),
                "position": float(number),
                "platforms": ["youtube"],
                "tags": [],
                "evergreen": False,
                "notes": "",
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for number, video_id in enumerate(video_ids, start=1)
        ]
        for start in range(0, len(rows), BATCH):
            connection.execute(insert(Video.__table__), rows[start : start + BATCH])
        changes = [
            {
                "id": uuid.uuid4(),
                "video_id": row["id"],
                "from_stage": None,
                "to_stage": row["stage"],
                "at": now - timedelta(hours=rng.randint(1, 2 * 365 * 24)),
                "created_at": now,
            }
            for row in rows
        ]
        for start in range(0, len(changes), BATCH):
            connection.execute(insert(StageChange.__table__), changes[start : start + BATCH])
        moment = now - timedelta(minutes=45 * entries + 60)
        batch: list[dict[str, object]] = []
        for number in range(1, entries + 1):
            end = moment + timedelta(minutes=40)
            batch.append(
                {
                    "id": uuid.uuid4(),
                    "number": number,
                    "member_id": member_id,
                    "video_id": rng.choice(video_ids) if video_ids else None,
                    "activity": "edit",
                    "start_at": moment,
                    "end_at": end,
                    "note": "",
                    "source": "import",
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
            )
            moment = end + timedelta(minutes=5)
            if len(batch) == BATCH:
                connection.execute(insert(TimeEntry.__table__), batch)
                batch = []
        if batch:
            connection.execute(insert(TimeEntry.__table__), batch)
    database.dispose()


def open_as_bench(path: Path) -> tuple[Database, Context]:
    """Open a filled database as its synthetic member, with a config file beside it."""
    config = path.with_name("config.toml")
    config.write_text(f'member = "{MEMBER}"\n')
    os.environ["TRACKER_CONFIG"] = str(config)
    return open_workspace(str(path), notice=lambda _message: None)
