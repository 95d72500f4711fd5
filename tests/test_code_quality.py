"""The checks a change must pass besides the tests: lint, format, the import contracts between
layers, and the type checker. They run here so the one test command proves all of them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHECKS = {
    "ruff lint": [BIN / "ruff", "check", "tracker", "tests", "benchmarks", "migrations"],
    "ruff format": [BIN / "ruff", "format", "--check", "tracker", "tests", "benchmarks"],
    "import contracts": [BIN / "lint-imports"],
    "types": [BIN / "mypy"],
}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_the_code_passes(name):
    done = subprocess.run(
        [str(part) for part in CHECKS[name]], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
