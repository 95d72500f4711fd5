"""The import commands: registered in the next commit."""

from __future__ import annotations
