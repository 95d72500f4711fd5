"""How long everyday CLI commands take, on empty and on large synthetic databases.

Run: python benchmarks/cli_startup.py [--runs 5]
Each size gets a fresh SQLite file filled with synthetic videos and time entries (bulk inserted,
spread over the past years); every command is timed as a whole process, the way a user waits
for it, and the median is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import MEMBER, fill

SIZES = ((0, 0), (2_000, 20_000), (2_000, 200_000))
COMMANDS = (["status"], ["ls"], ["entries", "--week", "today"], ["--help"])


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
            config.write_text(f'member = "{MEMBER}"\n')
            env = {**os.environ, "TRACKER_DB": str(path), "TRACKER_CONFIG": str(config)}
            timings = [time_command(command, env, runs) for command in COMMANDS]
        cells = "  ".join(f"{seconds * 1000:>20.0f}" for seconds in timings)
        print(f"{videos:>7} {entries:>8}  {cells}")


if __name__ == "__main__":
    main()
