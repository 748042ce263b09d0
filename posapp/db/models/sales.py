"""Sales and refunds, their lines and payments."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from posapp.db.models.base import Base
from posapp.db.types import Cents, ScaledDecimal, Thousandths, UtcDateTime


def members_sales(table: str = "") -> str:
    """The SQL condition of a member's completed sale or refund (the partial index's)."""
    of = f"{table}." if table else ""
    return f"{of}customer_id IS NOT NULL AND {of}status = 'completed'"


def refunds_and_voids(table: str = "") -> str:
    """The SQL condition of a refund or a void (`table`: the name to qualify columns by)."""
    of = f"{table}." if table else ""
    return f"{of}kind = 'refund' OR {of}status = 'voided'"


class Sale(Base):
    """A completed sale or refund (with a receipt number), or a voided sale (without)."""

    __tablename__ = "sales"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(10))
    till_id: Mapped[int] = mapped_column(ForeignKey("tills.id"))
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"), index=True)
    receipt_number: Mapped[int | None]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    refund_of_id: Mapped[int | None] = mapped_column(ForeignKey("sales.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    completed_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    total: Mapped[Decimal] = mapped_column(Cents())
    reason: Mapped[str | None] = mapped_column(String(200))  # why it was voided or refunded
    __table_args__ = (
        UniqueConstraint("till_id", "receipt_number", name="uq_sales_till_receipt"),
        CheckConstraint("kind IN ('sale', 'refund')", name="kind"),
        CheckConstraint("status IN ('completed', 'voided')", name="status"),
        CheckConstraint(
            "(status = 'completed') = (receipt_number IS NOT NULL)", name="receipt_when_completed"
        ),
        # The few refunds and voids of a period, for the sales report, without reading
        # every sale of it (posapp.services.reports.sales spells this condition alike).
        Index(
            "ix_sales_refunds_voids_completed_at",
            "completed_at",
            sqlite_where=text(refunds_and_voids()),
            postgresql_where=text(refunds_and_voids()),
        ),
        # Members' sales and refunds of a period with what the loyalty report sums, from
        # the index alone (posapp.services.reports.loyalty spells this condition alike).
        Index(
            "ix_sales_members_completed_at",
            "completed_at",
            "customer_id",
            "till_id",
            "kind",
            "total",
            sqlite_where=text(members_sales()),
            postgresql_where=text(members_sales()),
        ),
    )


class SaleLine(Base):
    __tablename__ = "sale_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    line_no: Mapped[int]
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    quantity: Mapped[Decimal] = mapped_column(Thousandths())  # negative in a refund
    unit_price: Mapped[Decimal] = mapped_column(Cents())
    list_price: Mapped[Decimal] = mapped_column(Cents())
    discount: Mapped[Decimal] = mapped_column(Cents())
    total: Mapped[Decimal] = mapped_column(Cents())
    vat_rate: Mapped[Decimal] = mapped_column(ScaledDecimal(2))
    vat_amount: Mapped[Decimal] = mapped_column(Cents())
    # The product's cost_price (excl. VAT) when the sale was completed; a refund line copies
    # its original line's. None: the product had no cost price (left out of gross profit).
    unit_cost: Mapped[Decimal | None] = mapped_column(Cents())
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    refund_of_line_id: Mapped[int | None] = mapped_column(ForeignKey("sale_lines.id"), index=True)
    __table_args__ = (UniqueConstraint("sale_id", "line_no", name="uq_sale_lines_sale_line_no"),)


class Payment(Base):
    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    method: Mapped[str] = mapped_column(String(16))
    # What the payment settles (negative in a refund); cash beyond it is change.
    amount: Mapped[Decimal] = mapped_column(Cents())
    tendered: Mapped[Decimal] = mapped_column(Cents())  # what the customer handed over
    __table_args__ = (
        CheckConstraint("method IN ('cash', 'card', 'voucher', 'points')", name="method"),
    )
