"""products rolled up by month and year: a year's products report reads a row per product

report_products keeps a row per day, till, product, kind and status: a busy shop's
year is millions of them, and the products report summed them all (seconds). The
new table keeps each calendar month's and year's completed sales and refunds, one
row per product (posapp.db.models.reports.ReportProductsRolled), kept by the same
catch-up that sums the days; it is filled here from the days already summed.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MEASURES = (
    "lines",
    "quantity",
    "gross",
    "vat",
    "costed_lines",
    "costed_gross",
    "costed_vat",
    "cost",
)


def upgrade() -> None:
    op.create_table(
        "report_products_rolled",
        sa.Column("span", sa.String(length=5), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("sale_lines", sa.BigInteger(), nullable=False),
        *(sa.Column(name, sa.BigInteger(), nullable=False) for name in MEASURES),
        sa.CheckConstraint(
            "span IN ('month', 'year')", name=op.f("ck_report_products_rolled_span")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_report_products_rolled_product_id_products"),
        ),
        sa.PrimaryKeyConstraint(
            "span", "start", "product_id", name=op.f("pk_report_products_rolled")
        ),
    )
    if op.get_bind().dialect.name == "sqlite":  # days are stored as 'YYYY-MM-DD'
        starts = {"month": "substr(day, 1, 7) || '-01'", "year": "substr(day, 1, 4) || '-01-01'"}
    else:
        starts = {
            "month": "CAST(date_trunc('month', day) AS date)",
            "year": "CAST(date_trunc('year', day) AS date)",
        }
    sums = ", ".join(f"SUM({name})" for name in MEASURES)
    for span, start in starts.items():
        op.execute(
            f"INSERT INTO report_products_rolled (span, start, product_id, sale_lines, "
            f"{', '.join(MEASURES)}) "
            f"SELECT '{span}', {start}, product_id, "
            f"SUM(CASE WHEN kind = 'sale' THEN lines ELSE 0 END), {sums} FROM report_products "
            f"WHERE status = 'completed' GROUP BY {start}, product_id"
        )


def downgrade() -> None:
    op.drop_table("report_products_rolled")
