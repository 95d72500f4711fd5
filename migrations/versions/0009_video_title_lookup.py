"""Videos found by their title whatever the case.

The importers and the metrics file look a project or a row up by ``lower(title)``; with tens
of thousands of videos each lookup scanned the table, so an import's time grew with the
square of its projects. SQLite cannot reflect an index on an expression: a later migration
that rebuilds ``video`` in batch mode must create this index again.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_video_title_lower", "video", [sa.text("lower(title)")], unique=False)


def downgrade() -> None:
    op.drop_index("ix_video_title_lower", table_name="video")
