"""print jobs: receipts waiting for a till's printer

A receipt is printed after its sale is committed, never inside it: the sale's
transaction cannot wait for a printer. The job queue keeps what a till still
has to print (and what failed, with the reason), so a dead printer delays a
receipt but never loses one.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "print_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("till_id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column(
            "status", sa.String(length=8), server_default=sa.text("'queued'"), nullable=False
        ),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_error", sa.String(length=400), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("printed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("kind IN ('receipt', 'copy')", name=op.f("ck_print_jobs_kind")),
        sa.CheckConstraint(
            "status IN ('queued', 'printed', 'failed')", name=op.f("ck_print_jobs_status")
        ),
        sa.ForeignKeyConstraint(
            ["sale_id"], ["sales.id"], name=op.f("fk_print_jobs_sale_id_sales")
        ),
        sa.ForeignKeyConstraint(
            ["till_id"], ["tills.id"], name=op.f("fk_print_jobs_till_id_tills")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_jobs")),
    )
    with op.batch_alter_table("print_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_print_jobs_sale_id"), ["sale_id"], unique=False)
        batch_op.create_index(
            "ix_print_jobs_till_status", ["till_id", "status", "id"], unique=False
        )
        batch_op.create_index(
            "uq_print_jobs_one_receipt_per_sale",
            ["sale_id"],
            unique=True,
            sqlite_where=sa.text("kind = 'receipt'"),
            postgresql_where=sa.text("kind = 'receipt'"),
        )


def downgrade() -> None:
    with op.batch_alter_table("print_jobs", schema=None) as batch_op:
        batch_op.drop_index("uq_print_jobs_one_receipt_per_sale")
        batch_op.drop_index("ix_print_jobs_till_status")
        batch_op.drop_index(batch_op.f("ix_print_jobs_sale_id"))
    op.drop_table("print_jobs")
