"""reports kept: the loyalty and care readings of the months and years that are over

A loyalty or care report reads every member's history (visits, stage changes,
reminders left alone): hundreds of milliseconds for a month of a shop with
100,000 members, seconds for a year. Once a calendar month or year is over, what
those reports read of it stays as it was, so the catch-up keeps each reading as a
row of this table (posapp.services.reports.kept) and the report reads that. It
starts empty: the next report's catch-up fills it.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 13:00:00
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
        "report_kept",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("first", sa.Date(), nullable=False),
        sa.Column("last", sa.Date(), nullable=False),
        sa.Column("settings", sa.String(length=64), nullable=False),
        sa.Column("reading", sa.Text(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", "first", "last", name=op.f("pk_report_kept")),
    )


def downgrade() -> None:
    op.drop_table("report_kept")
