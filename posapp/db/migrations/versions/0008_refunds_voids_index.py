"""refunds and voids: a partial index on their completion time, for the sales report

A year's sales report lists its refunds and voids (a few per cent of the
sales); without this index it read every sale of the year to find them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 14:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHERE = "kind = 'refund' OR status = 'voided'"


def upgrade() -> None:
    op.create_index(
        "ix_sales_refunds_voids_completed_at",
        "sales",
        ["completed_at"],
        sqlite_where=sa.text(WHERE),
        postgresql_where=sa.text(WHERE),
    )


def downgrade() -> None:
    op.drop_index("ix_sales_refunds_voids_completed_at", table_name="sales")
