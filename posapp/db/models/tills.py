"""The tills: their shifts and what was counted when one closed, the sale being rung up
or parked on a till, and the receipts waiting for its printer."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from posapp.db.models.base import Base
from posapp.db.types import Cents, UtcDateTime


class Till(Base):
    __tablename__ = "tills"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    # The next receipt number to hand out; taken and incremented inside the
    # transaction that completes a sale, so numbers are gap-free per till.
    next_receipt_number: Mapped[int] = mapped_column(server_default=text("1"))


class Shift(Base):
    __tablename__ = "shifts"
    id: Mapped[int] = mapped_column(primary_key=True)
    till_id: Mapped[int] = mapped_column(ForeignKey("tills.id"))
    opened_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime())
    opening_float: Mapped[Decimal] = mapped_column(Cents())
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    __table_args__ = (
        # At most one open shift per till.
        Index(
            "uq_shifts_open_per_till",
            "till_id",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
    )


class ShiftCount(Base):
    """Expected and counted amounts per payment method when a shift closes."""

    __tablename__ = "shift_counts"
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"), primary_key=True)
    method: Mapped[str] = mapped_column(String(16), primary_key=True)
    expected: Mapped[Decimal] = mapped_column(Cents())
    counted: Mapped[Decimal] = mapped_column(Cents())


class OpenCart(Base):
    """A sale being rung up or parked, saved as it changes so nothing is lost."""

    __tablename__ = "open_carts"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    till_id: Mapped[int] = mapped_column(ForeignKey("tills.id"), index=True)
    status: Mapped[str] = mapped_column(String(8))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    payload: Mapped[str] = mapped_column(Text)  # JSON of posapp.domain.cart.Cart
    __table_args__ = (
        CheckConstraint("status IN ('open', 'parked')", name="status"),
        Index(
            "uq_open_carts_one_open_per_till",
            "till_id",
            unique=True,
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
    )


class PrintJob(Base):
    """A receipt waiting for, or sent to, a till's printer; written after the sale's commit.

    A failed job stays to be tried again (`attempts`, `last_error`); each sale has at
    most one original receipt job, and any number of copies (reprints).
    """

    __tablename__ = "print_jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    till_id: Mapped[int] = mapped_column(ForeignKey("tills.id"))  # the till that prints it
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(8), server_default=text("'queued'"))
    attempts: Mapped[int] = mapped_column(server_default=text("0"))
    last_error: Mapped[str | None] = mapped_column(String(400))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    printed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    __table_args__ = (
        CheckConstraint("kind IN ('receipt', 'copy')", name="kind"),
        CheckConstraint("status IN ('queued', 'printed', 'failed')", name="status"),
        # What a till still has to print, oldest first.
        Index("ix_print_jobs_till_status", "till_id", "status", "id"),
        Index(
            "uq_print_jobs_one_receipt_per_sale",
            "sale_id",
            unique=True,
            sqlite_where=text("kind = 'receipt'"),
            postgresql_where=text("kind = 'receipt'"),
        ),
    )
