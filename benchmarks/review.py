"""The weekly review against the tools people move from: imports and reports at 10k to 1M entries.

Run: python benchmarks/review.py [--sizes 10k 100k 1M] [--runs 3] [--import-runs 1] [--keep]
One seeded synthetic history per size (1 to 6 entries a day of 20 minutes to 3 hours, on a few
videos at a time and admin, going back from yesterday) is written in Watson's own `frames` file
and in Timewarrior's own month files. Timewarrior refuses dates before 1970 and a day holds 24
hours, so a history that would reach further back is packed into the days since 1971 instead:
more entries a day, shorter ones (see `day_counts`). Then, each command a fresh process:

- `tracker import watson` and `tracker import timewarrior`, each into a new database;
- `tracker report` (Markdown) for last week, the last year and the whole history, beside
  `watson report` (text and `--json`) and `timew summary` on the same data and days.

Every command runs with stdin from /dev/null and stdout to a file, in a temporary folder that
is HOME, the XDG folders, WATSON_DIR, TIMEWARRIORDB and TRACKER_CONFIG (time zone UTC for all
three tools); the user's own data is never read. Wall time and peak RSS (GNU time) are the median
of --runs runs (--import-runs for the imports, which take minutes at 1M); `python -c pass` is
measured alongside as the floor of any Python command.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO

from synthetic import MEMBER

DEFAULT_SIZES = ("10k", "100k")
EARLIEST = date(1971, 1, 1)  # Timewarrior asserts a year from 1969 on; keep clear of it
MEAN_PER_DAY = 3.5  # 1 to 6 entries a day
SHORTEST, LONGEST = 20 * 60, 3 * 3600
DAY = 86_400
ACTIVITIES = ("script", "record", "edit")  # a video's work, in its order
TOOLS = ("tracker", "watson", "watson --json", "timew")
BIN = Path(sys.executable).parent
GNU_TIME = "/usr/bin/time"


@dataclass(frozen=True)
class Entry:
    start: int  # Unix seconds
    end: int
    project: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class History:
    entries: int
    first: date
    last: date
    watson: Path  # WATSON_DIR
    timew: Path  # TIMEWARRIORDB


@dataclass(frozen=True)
class Sample:
    seconds: float
    rss_mb: float


def parse_size(text: str) -> int:
    """``10k``, ``1M`` or a plain number of entries."""
    match = re.fullmatch(r"([0-9]+)([kKmM]?)", text)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 10k, 100k or 1M")
    scale = {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()]
    return int(match.group(1)) * scale


def day_counts(rng: random.Random, entries: int, last: date) -> list[int]:
    """Entries on each day, newest day first, adding up to ``entries``.

    1 to 6 a day while the history fits after ``EARLIEST``; a larger one is packed into the days
    since then, about as many a day as it takes (five counts around that mean).
    """
    days = max(1, (last - EARLIEST).days)
    mean = entries / min(days, math.ceil(entries / MEAN_PER_DAY))
    around = math.ceil(mean)
    low, high = (1, 6) if mean <= MEAN_PER_DAY else (max(1, around - 2), around + 2)
    counts, left = [], entries
    while left:
        counts.append(min(left, rng.randint(low, high)))
        left -= counts[-1]
    return counts


@dataclass
class Video:
    title: str
    tags: tuple[str, ...]  # tags on all of its work, besides the activity
    planned: int  # entries it takes
    left: int


class Work:
    """What a creator works on next: two videos at a time (script, record, then edit), admin
    and learning between them; a new video takes over when one is done."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.made = 0
        self.active = [self._new_video(), self._new_video()]

    def _new_video(self) -> Video:
        self.made += 1
        tags = tuple(
            tag for tag, share in (("sponsor", 0.1), ("short", 0.15)) if self.rng.random() < share
        )
        planned = self.rng.randint(8, 40)
        return Video(f"Video {self.made}", tags, planned, planned)

    def next(self) -> tuple[str, tuple[str, ...]]:
        """The next entry's project and tags."""
        roll = self.rng.random()
        if roll < 0.1:
            return "admin", ()
        if roll < 0.14:
            return "learning", ()
        slot = self.rng.randrange(len(self.active))
        video = self.active[slot]
        done = 1 - video.left / video.planned
        activity = ACTIVITIES[min(2, int(done * 4))]  # a quarter script, a quarter record
        video.left -= 1
        if not video.left:
            self.active[slot] = self._new_video()
        return video.title, (activity, *video.tags)


def history(rng: random.Random, counts: list[int], first: date) -> Iterator[Entry]:
    """The entries, oldest first: ``counts`` read from the oldest day, each day's work from the
    morning with breaks between, squeezed into the day when it would not fit."""
    work = Work(rng)
    for back, count in enumerate(reversed(counts)):
        midnight = (first + timedelta(days=back) - date(1970, 1, 1)).days * DAY
        lengths = [rng.randint(SHORTEST, LONGEST) for _ in range(count)]
        gaps = [rng.randint(5 * 60, 60 * 60) for _ in range(count)]
        begin = rng.randint(7 * 3600, 10 * 3600)
        total = sum(lengths) + sum(gaps)
        scale = 1.0
        if begin + total > DAY - 600:
            begin, scale = 600, (DAY - 1200) / total
        moment = midnight + begin
        for length, gap in zip(lengths, gaps, strict=True):
            end = moment + max(60, int(length * scale))
            yield Entry(moment, end, *work.next())
            moment = end + int(gap * scale)


def write_history(entries: int, seed: int, folder: Path, today: date) -> History:
    """Write one history in Watson's and Timewarrior's formats, in one pass over it."""
    rng = random.Random(seed)
    last = today - timedelta(days=1)
    counts = day_counts(rng, entries, last)
    first = last - timedelta(days=len(counts) - 1)
    watson, timew = folder / "watson", folder / "timewarrior"
    (timew / "data").mkdir(parents=True)
    watson.mkdir()
    (timew / "timewarrior.cfg").write_text("")
    tag_counts: dict[str, int] = {}
    month_file: IO[str] | None = None
    month = ""
    with (watson / "frames").open("w") as frames:
        frames.write("[")
        for n, entry in enumerate(history(rng, counts, first)):
            frames.write(watson_frame(rng, entry, first=n == 0))
            start = datetime.fromtimestamp(entry.start, UTC)
            if start.strftime("%Y-%m") != month:
                if month_file:
                    month_file.close()
                month = start.strftime("%Y-%m")
                month_file = (timew / "data" / f"{month}.data").open("w")
            assert month_file is not None
            tags = sorted({entry.project, *entry.tags})
            for tag in tags:
                tag_counts[tag] = tag_counts.get(tag, 0) + 1
            month_file.write(timew_line(entry, tags))
        frames.write("\n]")
    if month_file:
        month_file.close()
    # Written here, or the first `timew` run spends its time rebuilding it from every interval.
    tags_data = {tag: {"count": count} for tag, count in sorted(tag_counts.items())}
    (timew / "data" / "tags.data").write_text(json.dumps(tags_data))
    return History(entries, first, last, watson, timew)


def watson_frame(rng: random.Random, entry: Entry, *, first: bool) -> str:
    """One frame as Watson saves it (``json.dumps(frames, indent=1)``)."""
    frame_id = f"{rng.getrandbits(128):032x}"
    tags = "[]" if not entry.tags else "[\n" + ",\n".join(f'   "{t}"' for t in entry.tags) + "\n  ]"
    fields = (entry.start, entry.end, f'"{entry.project}"', f'"{frame_id}"', tags, entry.end)
    body = ",\n".join(f"  {field}" for field in fields)
    return ("\n" if first else ",\n") + f" [\n{body}\n ]"


def timew_line(entry: Entry, tags: list[str]) -> str:
    def moment(seconds: int) -> str:
        return datetime.fromtimestamp(seconds, UTC).strftime("%Y%m%dT%H%M%SZ")

    words = " ".join(f'"{tag}"' if " " in tag else tag for tag in tags)
    return f"inc {moment(entry.start)} - {moment(entry.end)} # {words}\n"


def run(argv: list[str], env: dict[str, str], output: Path) -> Sample:
    """Run one command as a fresh process, stdin from /dev/null: its wall time and peak RSS.

    GNU time reports the peak RSS: a child forked from this (larger) process would count this
    process's pages as its own, up to its exec.
    """
    error, peak = output.with_suffix(".err"), output.with_suffix(".rss")
    writing = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, str(output), writing, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, str(error), writing, 0o644),
    ]
    timed = [GNU_TIME, "-f", "%M", "-o", str(peak), *argv]
    began = time.perf_counter()
    pid = os.posix_spawn(GNU_TIME, timed, env, file_actions=actions)
    _, status = os.waitpid(pid, 0)
    seconds = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(argv)} failed:\n{error.read_text()[-2000:]}")
    return Sample(seconds, int(peak.read_text().split()[-1]) / 1024)


def median_of(samples: list[Sample]) -> Sample:
    return Sample(
        statistics.median(s.seconds for s in samples), statistics.median(s.rss_mb for s in samples)
    )


def repeat(argv: list[str], env: dict[str, str], output: Path, runs: int) -> Sample:
    return median_of([run(argv, env, output) for _ in range(runs)])


def environment(folder: Path, found: History) -> dict[str, str]:
    """Every place the three tools look for data or settings, inside ``folder``."""
    home = folder / "home"
    config = folder / "tracker.toml"
    config.write_text(f'member = "{MEMBER}"\ntimezone = "UTC"\n')
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "TZ": "UTC",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "TRACKER_CONFIG": str(config),
        "WATSON_DIR": str(found.watson),
        "TIMEWARRIORDB": str(found.timew),
    }


def ranges(found: History, today: date) -> dict[str, dict[str, list[str]]]:
    """Last week, the last year and the whole history, as each tool's arguments."""
    monday = today - timedelta(days=today.weekday() + 7)
    year, week, _ = monday.isocalendar()
    a_year_ago = today - timedelta(days=365)
    spans = {
        "week": (["--week", f"{year}-W{week:02d}"], monday, monday + timedelta(days=7)),
        "year": (["--from", str(a_year_ago), "--to", str(found.last)], a_year_ago, today),
        "all": (["--all"], found.first, today + timedelta(days=1)),
    }
    return {
        name: {
            "tracker": own,
            "watson": ["--from", str(start), "--to", str(end - timedelta(days=1))],
            "timew": [str(start), "-", str(end)],
        }
        for name, (own, start, end) in spans.items()
    }


def commands(db: Path, args: dict[str, list[str]]) -> dict[str, list[str]]:
    timew = shutil.which("timew") or "/usr/bin/timew"
    return {
        "tracker": [str(BIN / "tracker"), "--db", str(db), "report", *args["tracker"]],
        "watson": [str(BIN / "watson"), "report", *args["watson"]],
        "watson --json": [str(BIN / "watson"), "report", "--json", *args["watson"]],
        "timew": [timew, "summary", *args["timew"]],
    }


def hours(tool: str, output: Path) -> float:
    """The total a tool printed, in hours: to check that all three read the same work."""
    text = output.read_text()
    if tool == "tracker":
        return float(json.loads(text)["total_hours"])
    if tool == "watson --json":
        return float(json.loads(text)["time"]) / 3600
    found = re.findall(r"^\s+(\d+):(\d\d):(\d\d)\s*$", text, re.MULTILINE)
    h, m, s = (int(part) for part in found[-1]) if found else (0, 0, 0)
    return h + m / 60 + s / 3600


@dataclass(frozen=True)
class Result:
    """One size's measurements."""

    entries: int
    about: str  # the data: span, density, file sizes
    floor: Sample  # python -c pass
    imports: dict[str, Sample]  # watson, timewarrior
    reports: dict[str, dict[str, Sample]]  # range -> tool -> sample
    totals: dict[str, dict[str, float]]  # range -> tool -> hours


def bench_size(entries: int, args: argparse.Namespace, base: Path, today: date) -> Result:
    """Write one history, import it into tracker twice, and report on it with all three tools."""
    folder = base / f"n{entries}"
    folder.mkdir()
    began = time.perf_counter()
    found = write_history(entries, args.seed, folder, today)
    written = time.perf_counter() - began
    note(f"{entries:,}: history written in {written:.0f} s")
    env = environment(folder, found)
    out = folder / "out.txt"
    floor = repeat([sys.executable, "-c", "pass"], env, out, args.runs)
    imports = {}
    for tool, source in (("watson", found.watson / "frames"), ("timewarrior", found.timew)):
        samples = []
        for _ in range(args.import_runs):
            db = folder / f"{tool}.db"
            for leftover in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
                leftover.unlink(missing_ok=True)
            argv = [str(BIN / "tracker"), "--db", str(db), "import", tool, str(source)]
            samples.append(run(argv, env, out))
        imports[tool] = median_of(samples)
        note(f"{entries:,}: import {tool} {cell(imports[tool])}")
    db = folder / "watson.db"
    reports: dict[str, dict[str, Sample]] = {}
    totals: dict[str, dict[str, float]] = {}
    for name, tool_args in ranges(found, today).items():
        argvs = commands(db, tool_args)
        outputs = {tool: folder / f"{tool.replace(' --', '-')}.out" for tool in argvs}
        reports[name] = {
            tool: repeat(argv, env, outputs[tool], args.runs) for tool, argv in argvs.items()
        }
        note(f"{entries:,}: {name} " + ", ".join(cell(s) for s in reports[name].values()))
        run([*argvs["tracker"], "--format", "json"], env, outputs["tracker"])
        totals[name] = {
            tool: hours(tool, outputs[tool]) for tool in ("tracker", "watson --json", "timew")
        }
    days = (found.last - found.first).days + 1
    about = (
        f"{entries:,} entries from {found.first} to {found.last}, {entries / days:.1f} a day"
        f" (written in {written:.0f} s); Watson's frames {megabytes(found.watson):.0f} MB,"
        f" Timewarrior's data {megabytes(found.timew):.0f} MB,"
        f" tracker's database {db.stat().st_size / 2**20:.0f} MB"
    )
    return Result(entries, about, floor, imports, reports, totals)


def note(text: str) -> None:
    """Progress on stderr: the 1M size runs for many minutes."""
    print(f"[{time.strftime('%H:%M:%S')}, load {os.getloadavg()[0]:.2f}] {text}", file=sys.stderr)


def megabytes(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def cell(sample: Sample) -> str:
    return f"{sample.seconds:.2f} s, {sample.rss_mb:.0f} MB"


def print_tables(results: list[Result]) -> None:
    """The measurements as Markdown tables, ready for docs/performance.md."""
    print("\n| entries | `python -c pass` | `import watson` | `import timewarrior` |")
    print("|---:|---:|---:|---:|")
    for r in results:
        cells = " | ".join(
            cell(s) for s in (r.floor, r.imports["watson"], r.imports["timewarrior"])
        )
        print(f"| {r.entries:,} | {cells} |")
    print(
        "\n| entries | report | tracker | Watson | Watson `--json` | Timewarrior"
        " | tracker ÷ Watson | tracker ÷ Timewarrior |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        for name, timed in r.reports.items():
            cells = " | ".join(cell(timed[tool]) for tool in TOOLS)
            ratios = " | ".join(
                f"{timed['tracker'].seconds / timed[peer].seconds:.2f}"
                for peer in ("watson", "timew")
            )
            print(f"| {r.entries:,} | {name} | {cells} | {ratios} |")
    print(
        "\nHours in each report (tracker / Watson / Timewarrior), to show they read the same work:"
    )
    for r in results:
        checks = "; ".join(
            f"{name} " + " / ".join(f"{hours:.1f}" for hours in totals.values())
            for name, totals in r.totals.items()
        )
        print(f"- {r.entries:,}: {checks}")
    print("\nThe data:")
    for r in results:
        print(f"- {r.about}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        nargs="+",
        type=parse_size,
        default=[parse_size(size) for size in DEFAULT_SIZES],
        metavar="N",
        help="entries in each history: 10k, 100k, 1M (default: 10k 100k)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (the median)")
    parser.add_argument(
        "--import-runs", type=int, default=1, help="runs of each import, each into a new database"
    )
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic history")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    today = datetime.now(UTC).date()
    base = Path(tempfile.mkdtemp(prefix="tracker-review-"))
    print(
        f"Median of {args.runs} runs ({args.import_runs} of each import): wall time, peak RSS."
        f" {today}, {os.cpu_count()} cores,"
        f" load {os.getloadavg()[0]:.2f} at the start.",
        flush=True,
    )
    try:
        results = [bench_size(entries, args, base, today) for entries in args.sizes]
    finally:
        if args.keep:
            print(f"kept {base}", file=sys.stderr)
        else:
            shutil.rmtree(base)
    print_tables(results)
    print(f"\nLoad at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
