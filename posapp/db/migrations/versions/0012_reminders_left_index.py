"""reminders left alone: an index the care report reads them by, without the table

The care report counts a period's reminders left alone by kind and by who rang the
sale up, and finds each member's first one for its comparison of who came back. A
busy shop leaves about a million a year; read through the index on their moment
alone, each needed a lookup in the table. This index holds what both reads need.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 13:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["at", "customer_id", "kind", "user_id", "till_id"]


def upgrade() -> None:
    op.drop_index(op.f("ix_reminders_left_at"), table_name="reminders_left")
    op.create_index(op.f("ix_reminders_left_at"), "reminders_left", COLUMNS)


def downgrade() -> None:
    op.drop_index(op.f("ix_reminders_left_at"), table_name="reminders_left")
    op.create_index(op.f("ix_reminders_left_at"), "reminders_left", ["at"])
