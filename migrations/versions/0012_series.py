"""Series: numbered posts on a rhythm, and answer cards that point at their question.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "series",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("hashtag", sa.String(length=100), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=True),
        sa.Column("every_days", sa.Integer(), nullable=True),
        sa.Column("post_time", sa.String(length=5), nullable=False),
        sa.Column("answer_after_hours", sa.Integer(), nullable=True),
        sa.Column("first_on", sa.Date(), nullable=False),
        sa.Column("last_case", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series")),
        sa.UniqueConstraint("name", name=op.f("uq_series_name")),
    )
    # Plain ADD COLUMN (no table rebuild, which would lose ix_video_title_lower on SQLite).
    op.add_column("video", sa.Column("answer_to", sa.Uuid(), nullable=True))
    op.create_index("ix_video_series_case", "video", ["series", "case_number"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_video_series_case", table_name="video")
    # Dropping a column rebuilds the table on SQLite, which cannot carry an index on an
    # expression across: it is made again after.
    op.drop_index("ix_video_title_lower", table_name="video")
    with op.batch_alter_table("video", schema=None) as batch_op:
        batch_op.drop_column("answer_to")
    op.create_index("ix_video_title_lower", "video", [sa.text("lower(title)")], unique=False)
    op.drop_table("series")
