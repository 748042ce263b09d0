"""cost price: products.cost_price and sale_lines.unit_cost, both optional

A product's cost price is excl. VAT (per kg when sold by weight); a sale line
keeps the cost price its product had when the sale was completed, and a refund
line its original line's. The lines sold before this have none: the products
report leaves them out of gross profit.

Added in place (ALTER TABLE ... ADD COLUMN with its CHECK on both databases):
rebuilding products or sale_lines on SQLite would have to copy every sale line.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 14:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COSTED = ("costed_lines", "costed_gross", "costed_vat", "cost")


def upgrade() -> None:
    op.add_column(
        "products",
        sa.Column(
            "cost_price",
            sa.BigInteger(),
            sa.CheckConstraint("cost_price >= 0", name=op.f("ck_products_cost_price")),
            nullable=True,
        ),
    )
    op.add_column("sale_lines", sa.Column("unit_cost", sa.BigInteger(), nullable=True))
    # The products' aggregate gains the costed lines' sums: 0 for every day summed so far,
    # since no line sold before this has a unit_cost.
    for name in COSTED:
        op.add_column(
            "report_products",
            sa.Column(name, sa.BigInteger(), nullable=False, server_default=sa.text("0")),
        )


def downgrade() -> None:
    with op.batch_alter_table("report_products", schema=None) as batch_op:
        for name in COSTED:
            batch_op.drop_column(name)
    with op.batch_alter_table("sale_lines", schema=None) as batch_op:
        batch_op.drop_column("unit_cost")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_column("cost_price")
