"""The report as JSON, in the versioned form docs/report-schema.md describes."""

from __future__ import annotations

import json
from typing import Any

from tracker.services.reports import Report
from tracker.services.views import to_json


def write(report: Report) -> str:
    return json.dumps(_rounded(to_json(report)), indent=2, ensure_ascii=False) + "\n"


def _rounded(value: Any) -> Any:
    """Hours to four decimals (under a second): enough for any sum, without float noise."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    return value
