"""Day totals: each member's seconds per local day, video and activity.

Reports over a year or the whole history summed every entry; they now sum a few rows a day.
The totals are derived from the time log: this creates the tables empty, and each member's
totals are built in their time zone at their next write (or by `tracker db rebuild-totals`).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "totals_ledger",
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_totals_ledger_member_id_member")
        ),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_totals_ledger")),
    )
    op.create_table(
        "day_total",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("video_id", sa.Uuid(), nullable=True),
        sa.Column("activity", sa.String(length=40), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_day_total_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day_total")),
    )
    op.create_index(
        "ix_day_total_member_day",
        "day_total",
        ["member_id", "day", "activity", "video_id", "seconds"],
        unique=False,
    )
    op.create_index("ix_day_total_video", "day_total", ["video_id", "seconds"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_day_total_video", table_name="day_total")
    op.drop_index("ix_day_total_member_day", table_name="day_total")
    op.drop_table("day_total")
    op.drop_table("totals_ledger")
