"""How long everyday CLI commands take, on empty and on large synthetic databases.

Run: python benchmarks/cli_startup.py [--runs 5]
Each size gets a fresh SQLite file filled with synthetic videos and time entries (bulk inserted,
spread over the past years); every command is timed as a whole process, the way a user waits
for it, and the median is printed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from tracker.config import DEFAULT_STAGES
from tracker.db.database import open_database
from tracker.db.models import Member, TimeEntry, Video

SIZES = ((0, 0), (2_000, 20_000), (2_000, 200_000))
COMMANDS = (["status"], ["ls"], ["entries", "--week", "today"], ["--help"])
BATCH = 10_000


def fill(url: str, videos: int, entries: int) -> None:
    """Bulk-insert one member, ``videos`` cards and ``entries`` back-to-back time entries."""
    database = open_database(url)
    rng = random.Random(7)
    now = datetime.now(UTC)
    member_id = uuid.uuid4()
    with database.engine.begin() as connection:
        connection.execute(insert(Member.__table__), [{"id": member_id, "name": "bench"}])
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


def time_command(args: list[str], env: dict[str, str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "tracker", *args], env=env, check=True, capture_output=True
        )
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    header = f"{'videos':>7} {'entries':>8}  " + "  ".join(f"{' '.join(c):>20}" for c in COMMANDS)
    print(f"median wall time in ms of {runs} runs, python -m tracker ...")
    print(header)
    for videos, entries in SIZES:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.db"
            fill(f"sqlite:///{path}", videos, entries)
            config = Path(folder) / "config.toml"
            config.write_text('member = "bench"\n')
            env = {**os.environ, "TRACKER_DB": str(path), "TRACKER_CONFIG": str(config)}
            timings = [time_command(command, env, runs) for command in COMMANDS]
        cells = "  ".join(f"{seconds * 1000:>20.0f}" for seconds in timings)
        print(f"{videos:>7} {entries:>8}  {cells}")


if __name__ == "__main__":
    main()
