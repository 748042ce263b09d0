"""reminders left alone: the reminders on the screen, not marked, when a sale completed

The care report counts the reminders a cashier was shown and acted upon: done and
dismissed were recorded (reminder_actions), but not those left alone, so "ignored"
could not be counted. Each completed sale with a member now records the reminders
still on the screen, unmarked, in its own transaction.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The kinds as at this revision (a migration is a snapshot: 0005 has the same list).
REMINDER_KINDS = (
    "birthday",
    "anniversary",
    "last_visit",
    "usual_items",
    "note",
    "promise_due",
    "promise_overdue",
    "complaint",
    "welcome_back",
    "stage_reached",
    "reward_today",
    "points_expiring",
)


def _fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_reminders_left_{column}_{target}")
    )


def upgrade() -> None:
    op.create_table(
        "reminders_left",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("till_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(f"kind IN {REMINDER_KINDS!r}", name=op.f("ck_reminders_left_kind")),
        _fk("sale_id", "sales"),
        _fk("customer_id", "customers"),
        _fk("user_id", "users"),
        _fk("till_id", "tills"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders_left")),
        sa.UniqueConstraint("sale_id", "key", name="uq_reminders_left_sale_key"),
    )
    op.create_index(op.f("ix_reminders_left_at"), "reminders_left", ["at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_reminders_left_at"), table_name="reminders_left")
    op.drop_table("reminders_left")
