"""The reports' aggregates: the takings summed by shop day, kept beside the raw rows.

A report over a year reads a few thousand of these rows instead of millions of
sale lines (posapp.services.reports.aggregates fills them and reads them). They
hold nothing that is not in sales, sale_lines and payments: `posapp reports
rebuild` drops and recomputes them, and `posapp check` compares them with the
raw rows. Amounts are integer cents (quantities thousandths) so that sums
are exact; `report_state.through` is the last shop
day they cover, every day up to it included.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from posapp.db.models.base import Base
from posapp.db.types import UtcDateTime


class ReportState(Base):
    """One row: the last shop day the aggregates cover (None: none yet)."""

    __tablename__ = "report_state"
    id: Mapped[int] = mapped_column(primary_key=True)
    through: Mapped[date | None] = mapped_column(Date())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ReportTakings(Base):
    """Sales by day, hour, till, cashier, kind and status (one sale counted once)."""

    __tablename__ = "report_takings"
    day: Mapped[date] = mapped_column(Date(), primary_key=True)
    hour: Mapped[int] = mapped_column(SmallInteger(), primary_key=True)  # local 0-23
    till_id: Mapped[int] = mapped_column(ForeignKey("tills.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), primary_key=True)
    sales: Mapped[int] = mapped_column(BigInteger())
    gross: Mapped[int] = mapped_column(BigInteger())  # cents, VAT included
    vat: Mapped[int] = mapped_column(BigInteger())  # cents
    discount: Mapped[int] = mapped_column(BigInteger())  # cents taken off list prices
    lines: Mapped[int] = mapped_column(BigInteger())
    items: Mapped[int] = mapped_column(BigInteger())  # thousandths: units, a weighed line is 1


class ReportVat(Base):
    """Sale lines by day, till, kind, status and VAT rate."""

    __tablename__ = "report_vat"
    day: Mapped[date] = mapped_column(Date(), primary_key=True)
    till_id: Mapped[int] = mapped_column(ForeignKey("tills.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), primary_key=True)
    vat_rate: Mapped[int] = mapped_column(BigInteger(), primary_key=True)  # hundredths of %
    lines: Mapped[int] = mapped_column(BigInteger())
    gross: Mapped[int] = mapped_column(BigInteger())
    vat: Mapped[int] = mapped_column(BigInteger())


class ReportPayments(Base):
    """Payments by day, till, cashier, kind, status and method."""

    __tablename__ = "report_payments"
    day: Mapped[date] = mapped_column(Date(), primary_key=True)
    till_id: Mapped[int] = mapped_column(ForeignKey("tills.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), primary_key=True)
    method: Mapped[str] = mapped_column(String(16), primary_key=True)
    payments: Mapped[int] = mapped_column(BigInteger())
    amount: Mapped[int] = mapped_column(BigInteger())


class ReportProducts(Base):
    """Sale lines by day, till, product, kind and status."""

    __tablename__ = "report_products"
    day: Mapped[date] = mapped_column(Date(), primary_key=True)
    till_id: Mapped[int] = mapped_column(ForeignKey("tills.id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), primary_key=True)
    lines: Mapped[int] = mapped_column(BigInteger())
    quantity: Mapped[int] = mapped_column(BigInteger())  # thousandths
    gross: Mapped[int] = mapped_column(BigInteger())
    vat: Mapped[int] = mapped_column(BigInteger())
    # Of the lines with a unit_cost only (gross profit leaves the others out):
    costed_lines: Mapped[int] = mapped_column(BigInteger())
    costed_gross: Mapped[int] = mapped_column(BigInteger())
    costed_vat: Mapped[int] = mapped_column(BigInteger())
    cost: Mapped[int] = mapped_column(BigInteger())  # unit_cost cents x quantity thousandths


ROLLED_SPANS = ("month", "year")


class ReportProductsRolled(Base):
    """The products' days rolled up by calendar month and by year: completed sales and
    refunds of every till, one row per product (posapp.services.reports.rolled). A year's
    products report reads one row per product sold instead of one per product, till and
    day. A span's rows hold its days up to the last one summed."""

    __tablename__ = "report_products_rolled"
    span: Mapped[str] = mapped_column(String(5), primary_key=True)  # month or year
    start: Mapped[date] = mapped_column(Date(), primary_key=True)  # its first day
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    sale_lines: Mapped[int] = mapped_column(BigInteger())  # lines of sales (not refunds)
    lines: Mapped[int] = mapped_column(BigInteger())
    quantity: Mapped[int] = mapped_column(BigInteger())
    gross: Mapped[int] = mapped_column(BigInteger())
    vat: Mapped[int] = mapped_column(BigInteger())
    costed_lines: Mapped[int] = mapped_column(BigInteger())
    costed_gross: Mapped[int] = mapped_column(BigInteger())
    costed_vat: Mapped[int] = mapped_column(BigInteger())
    cost: Mapped[int] = mapped_column(BigInteger())
    __table_args__ = (CheckConstraint(f"span IN {ROLLED_SPANS!r}", name="span"),)


class ReportDiscounts(Base):
    """Discounted lines by day, till, cashier and who approved them (0: no one needed to)."""

    __tablename__ = "report_discounts"
    day: Mapped[date] = mapped_column(Date(), primary_key=True)
    till_id: Mapped[int] = mapped_column(ForeignKey("tills.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    approved_by: Mapped[int] = mapped_column(BigInteger(), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), primary_key=True)
    discounted: Mapped[int] = mapped_column(BigInteger())  # lines with a discount
    changed: Mapped[int] = mapped_column(BigInteger())  # lines sold below or above list price
    discount: Mapped[int] = mapped_column(BigInteger())  # cents: the cashier's and rewards'
    overridden: Mapped[int] = mapped_column(BigInteger())  # (list - sold price) cents x thousandths


class ReportKept(Base):
    """A report's reading of a calendar month or year that is over, all tills, as JSON
    (posapp.services.reports.kept): read instead of every member's history again while the
    shop's settings stay as they were (`settings`, their fingerprint)."""

    __tablename__ = "report_kept"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    first: Mapped[date] = mapped_column(Date(), primary_key=True)
    last: Mapped[date] = mapped_column(Date(), primary_key=True)
    settings: Mapped[str] = mapped_column(String(64))
    reading: Mapped[str] = mapped_column(Text())
    made_at: Mapped[datetime] = mapped_column(UtcDateTime())
