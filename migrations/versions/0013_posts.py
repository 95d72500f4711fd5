"""Posts: one video goes out as several posts (a YouTube video, its Shorts cut, a TikTok),
each with its platform preset, length, images, aspect, caption, dates, URL and metrics.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "post",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("video_id", sa.Uuid(), nullable=False),
        sa.Column("preset", sa.String(length=40), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("length_seconds", sa.Integer(), nullable=True),
        sa.Column("images", sa.Integer(), nullable=True),
        sa.Column("aspect", sa.String(length=12), nullable=True),
        sa.Column("caption", sa.String(), nullable=False),
        sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["video_id"], ["video.id"], name=op.f("fk_post_video_id_video")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post")),
    )
    op.create_index(op.f("ix_post_video_id"), "post", ["video_id"], unique=False)
    op.create_index("ix_post_published_at", "post", ["published_at"], unique=False)
    op.add_column("metric", sa.Column("post_id", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("metric", schema=None) as batch_op:
        batch_op.drop_column("post_id")
    op.drop_index("ix_post_published_at", table_name="post")
    op.drop_index(op.f("ix_post_video_id"), table_name="post")
    op.drop_table("post")
