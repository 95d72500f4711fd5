"""The arrows point one way: tui/cli → services → db, core; core imports nothing of ours.

Checked on the source, so a stray import fails here before it slows start-up or ties the
services to a screen.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tracker"

FORBIDDEN = {
    "core": (
        "tracker.db",
        "tracker.services",
        "tracker.tui",
        "tracker.cli",
        "tracker.config",
        "sqlalchemy",
        "sqlmodel",
        "textual",
        "typer",
        "rich",
    ),
    "db": ("tracker.services", "tracker.tui", "tracker.cli", "textual", "typer", "rich"),
    "services": ("tracker.tui", "tracker.cli", "textual", "typer", "rich"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_never_imports_the_layers_above_it(layer):
    offenders = [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for name in sorted(imported_modules(path))
        if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN[layer])
    ]
    assert offenders == []
