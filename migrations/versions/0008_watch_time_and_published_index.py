"""Watch time on metrics, and published videos found by their date.

Platforms report watch time beside views; the weekly review and the charts look up the videos
published in a period by ``published_at``, which no index covered.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("metric", schema=None) as batch_op:
        batch_op.add_column(sa.Column("watch_seconds", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_video_published_at"), "video", ["published_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_video_published_at"), table_name="video")
    with op.batch_alter_table("metric", schema=None) as batch_op:
        batch_op.drop_column("watch_seconds")
