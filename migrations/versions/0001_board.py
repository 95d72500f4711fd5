"""The board: members, videos and their stage changes.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "member",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
        sa.UniqueConstraint("name", name=op.f("uq_member_name")),
    )
    op.create_table(
        "video",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Float(), nullable=False),
        sa.Column("platforms", sa.String(), nullable=False),
        sa.Column("tags", sa.String(), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=True),
        sa.Column("target_seconds", sa.Integer(), nullable=True),
        sa.Column("actual_seconds", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("series", sa.String(length=120), nullable=True),
        sa.Column("case_number", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=40), nullable=True),
        sa.Column("evergreen", sa.Boolean(), nullable=False),
        sa.Column("thumbnail_status", sa.String(length=40), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("assignee_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["member.id"], name=op.f("fk_video_assignee_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_video")),
        sa.UniqueConstraint("number", name=op.f("uq_video_number")),
    )
    with op.batch_alter_table("video", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_video_assignee_id"), ["assignee_id"], unique=False)
        batch_op.create_index("ix_video_stage_position", ["stage", "position"], unique=False)

    op.create_table(
        "stage_change",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("video_id", sa.Uuid(), nullable=False),
        sa.Column("from_stage", sa.String(length=40), nullable=True),
        sa.Column("to_stage", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_stage_change_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["video_id"], ["video.id"], name=op.f("fk_stage_change_video_id_video")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_change")),
    )
    with op.batch_alter_table("stage_change", schema=None) as batch_op:
        batch_op.create_index("ix_stage_change_video_at", ["video_id", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("stage_change", schema=None) as batch_op:
        batch_op.drop_index("ix_stage_change_video_at")

    op.drop_table("stage_change")
    with op.batch_alter_table("video", schema=None) as batch_op:
        batch_op.drop_index("ix_video_stage_position")
        batch_op.drop_index(batch_op.f("ix_video_assignee_id"))

    op.drop_table("video")
    op.drop_table("member")
