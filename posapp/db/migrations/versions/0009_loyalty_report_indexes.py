"""loyalty report: indexes on visit days, points entries by kind and time, members' sales

The loyalty report reads a period's visit days (customer_visits by day), the
points credited, spent and expired in a period and up to its end
(points_entries by kind and time, with the points: read from the index alone),
and the members' completed sales of a period or of the year to its end
(a partial index on completed_at for sales with a customer, with what the
report sums): without them each read went through the whole history.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MEMBERS = "customer_id IS NOT NULL AND status = 'completed'"


def upgrade() -> None:
    op.create_index("ix_customer_visits_day", "customer_visits", ["day", "customer_id"])
    op.create_index("ix_points_entries_kind_at", "points_entries", ["kind", "at", "points"])
    op.create_index(
        "ix_sales_members_completed_at",
        "sales",
        ["completed_at", "customer_id", "till_id", "kind", "total"],
        sqlite_where=sa.text(MEMBERS),
        postgresql_where=sa.text(MEMBERS),
    )


def downgrade() -> None:
    op.drop_index("ix_sales_members_completed_at", table_name="sales")
    op.drop_index("ix_points_entries_kind_at", table_name="points_entries")
    op.drop_index("ix_customer_visits_day", table_name="customer_visits")
