"""Commands that move data in and out: `tracker import ...` and `tracker export ...`.

The groups live here; the commands of each kind of file are in their own modules
(``cli/imports.py``, ``cli/exports.py``), registered onto these groups.
"""

from __future__ import annotations

from tracker.cli.base import group

import_app = group("import", "Bring history in from other tools, spreadsheets and exports.")
export_app = group("export", "Write the data out: everything as JSON, CSV for spreadsheets, ICS.")
