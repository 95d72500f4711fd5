"""The time log: entries with at most one running timer per member.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "time_entry",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("video_id", sa.Uuid(), nullable=True),
        sa.Column("activity", sa.String(length=40), nullable=False),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_time_entry_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["video_id"], ["video.id"], name=op.f("fk_time_entry_video_id_video")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_entry")),
        sa.UniqueConstraint("number", name=op.f("uq_time_entry_number")),
    )
    with op.batch_alter_table("time_entry", schema=None) as batch_op:
        batch_op.create_index("ix_time_entry_member_start", ["member_id", "start_at"], unique=False)
        batch_op.create_index(
            "ix_time_entry_video_totals",
            ["video_id", "deleted_at", "start_at", "end_at"],
            unique=False,
        )
        batch_op.create_index(
            "uq_time_entry_running",
            ["member_id"],
            unique=True,
            sqlite_where=sa.text("end_at IS NULL AND deleted_at IS NULL"),
            postgresql_where=sa.text("end_at IS NULL AND deleted_at IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("time_entry", schema=None) as batch_op:
        batch_op.drop_index("uq_time_entry_running")
        batch_op.drop_index("ix_time_entry_video_totals")
        batch_op.drop_index("ix_time_entry_member_start")

    op.drop_table("time_entry")
