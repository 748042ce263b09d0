"""report aggregates: the takings summed by shop day (posapp.db.models.reports)

The tables start empty: the first report (or `posapp reports rebuild`) sums
the days already sold, and every catch-up after that sums the days since.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 11:40:00
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KEY_REFERENCES = {"till_id": "tills", "user_id": "users", "product_id": "products"}


def _fact(name: str, keys: dict[str, Any], measures: tuple[str, ...]) -> None:
    columns: list[sa.Column[Any]] = [sa.Column("day", sa.Date(), nullable=False)]
    columns += [sa.Column(key, kind, nullable=False) for key, kind in keys.items()]
    columns += [sa.Column(measure, sa.BigInteger(), nullable=False) for measure in measures]
    references = [
        sa.ForeignKeyConstraint([key], [f"{table}.id"], name=op.f(f"fk_{name}_{key}_{table}"))
        for key, table in _KEY_REFERENCES.items()
        if key in keys
    ]
    op.create_table(
        name,
        *columns,
        *references,
        sa.PrimaryKeyConstraint("day", *keys, name=op.f(f"pk_{name}")),
    )


def upgrade() -> None:
    op.create_table(
        "report_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("through", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_state")),
    )
    status = {"kind": sa.String(length=8), "status": sa.String(length=10)}
    _fact(
        "report_takings",
        {"hour": sa.SmallInteger(), "till_id": sa.Integer(), "user_id": sa.Integer(), **status},
        ("sales", "gross", "vat", "discount", "lines", "items"),
    )
    _fact(
        "report_vat",
        {"till_id": sa.Integer(), **status, "vat_rate": sa.BigInteger()},
        ("lines", "gross", "vat"),
    )
    _fact(
        "report_payments",
        {"till_id": sa.Integer(), "user_id": sa.Integer(), **status, "method": sa.String(16)},
        ("payments", "amount"),
    )
    _fact(
        "report_products",
        {"till_id": sa.Integer(), "product_id": sa.Integer(), **status},
        ("lines", "quantity", "gross", "vat"),
    )
    _fact(
        "report_discounts",
        {
            "till_id": sa.Integer(),
            "user_id": sa.Integer(),
            "approved_by": sa.BigInteger(),
            **status,
        },
        ("discounted", "changed", "discount", "overridden"),
    )


def downgrade() -> None:
    for name in ("report_discounts", "report_products", "report_payments", "report_vat"):
        op.drop_table(name)
    op.drop_table("report_takings")
    op.drop_table("report_state")
