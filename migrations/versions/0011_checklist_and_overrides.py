"""The pre-publish checklist: ticked items, the words posted with a video, and overrides.

A video keeps the checklist items ticked on it, its caption and its images' alt text (which
the identifier check reads with the title and notes). A move into a gated stage with items
still open needs a written reason, kept in ``override``.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild, which would lose ix_video_title_lower on SQLite).
    for name in ("caption", "alt_text", "checked"):
        op.add_column("video", sa.Column(name, sa.String(), nullable=False, server_default=""))
    op.create_table(
        "override",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("video_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("open_items", sa.String(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_override_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["video_id"], ["video.id"], name=op.f("fk_override_video_id_video")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_override")),
    )
    op.create_index("ix_override_at", "override", ["at"], unique=False)
    op.create_index(op.f("ix_override_video_id"), "override", ["video_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_override_video_id"), table_name="override")
    op.drop_index("ix_override_at", table_name="override")
    op.drop_table("override")
    # Dropping columns rebuilds the table on SQLite, which cannot carry an index on an
    # expression across: it is made again after.
    op.drop_index("ix_video_title_lower", table_name="video")
    with op.batch_alter_table("video", schema=None) as batch_op:
        batch_op.drop_column("checked")
        batch_op.drop_column("alt_text")
        batch_op.drop_column("caption")
    op.create_index("ix_video_title_lower", "video", [sa.text("lower(title)")], unique=False)
