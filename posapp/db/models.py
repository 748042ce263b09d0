"""The schema, as SQLAlchemy 2.x declarative models.

Alembic migrations in posapp/db/migrations are the source of the schema in a
database; a test checks that these models and the migrations agree.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Connection,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    delete,
    event,
    insert,
    inspect,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column
from sqlalchemy.types import TypeEngine

from posapp.db.types import Cents, ScaledDecimal, Thousandths, UtcDateTime
from posapp.domain.text import code_key, search_key, word_keys

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Setting(Base):
    """Shop settings as typed values (see posapp.services.settings)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class Till(Base):
    __tablename__ = "tills"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    # The next receipt number to hand out; taken and incremented inside the
    # transaction that completes a sale, so numbers are gap-free per till.
    next_receipt_number: Mapped[int] = mapped_column(server_default=text("1"))


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(server_default=text("true"))
    failed_pin_attempts: Mapped[int] = mapped_column(server_default=text("0"))
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    __table_args__ = (CheckConstraint("role IN ('owner', 'manager', 'cashier')", name="role"),)


class Category(Base):
    __tablename__ = "categories"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)


class VatRate(Base):
    __tablename__ = "vat_rates"
    id: Mapped[int] = mapped_column(primary_key=True)
    rate: Mapped[Decimal] = mapped_column(ScaledDecimal(2), unique=True)  # percent
    name: Mapped[str] = mapped_column(String(80))


SEARCH_KEY_LENGTH = 240


def SearchKey(length: int = SEARCH_KEY_LENGTH) -> TypeEngine[str]:
    """Text compared by code point: "C" collation on PostgreSQL, SQLite's default BINARY.

    Prefix searches are ranges (`key >= 'ka' AND key < 'kb'`); under a language
    collation such a range is not the set of strings that start with 'ka', and
    the index could not answer `LIKE 'ka%'` either.
    """
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    # Kept by the mapper events at the end of this module whenever a Product is
    # written through the ORM (posapp.domain.text.search_key of name, code_key of sku);
    # the product search (posapp.services.catalog.search_products) reads them.
    search_key: Mapped[str] = mapped_column(SearchKey(), server_default=text("''"))
    sku_key: Mapped[str] = mapped_column(SearchKey(80), server_default=text("''"), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    vat_rate_id: Mapped[int] = mapped_column(ForeignKey("vat_rates.id"))
    price: Mapped[Decimal] = mapped_column(Cents())  # incl. VAT; per kg when sold by weight
    sold_by: Mapped[str] = mapped_column(String(8), server_default=text("'unit'"))
    # The item code printed inside in-store price/weight labels (scale PLU).
    label_code: Mapped[str | None] = mapped_column(String(6), unique=True)
    active: Mapped[bool] = mapped_column(server_default=text("true"))
    __table_args__ = (
        CheckConstraint("sold_by IN ('unit', 'weight')", name="sold_by"),
        CheckConstraint("price >= 0", name="price"),
        # Name-prefix search in name order, answered by the index alone.
        Index("ix_products_search_key", "search_key", "id"),
    )


class ProductSearchWord(Base):
    """A product's name from its second, third, … word on (posapp.domain.text.word_keys),
    so that "a later word starts with the text" is an indexed prefix search too."""

    __tablename__ = "product_search_words"
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    key: Mapped[str] = mapped_column(SearchKey(), primary_key=True)
    name_key: Mapped[str] = mapped_column(SearchKey())  # the whole name's key: the order
    __table_args__ = (Index("ix_product_search_words_key", "key", "name_key", "product_id"),)


class ProductBarcode(Base):
    __tablename__ = "product_barcodes"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    card_number: Mapped[str | None] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


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


class AuditEntry(Base):
    """Append-only record of sensitive actions (triggers refuse UPDATE and DELETE)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    till_id: Mapped[int | None] = mapped_column(ForeignKey("tills.id"))
    action: Mapped[str] = mapped_column(String(40))
    details: Mapped[str] = mapped_column(Text)  # JSON


# --- Search keys follow the name --------------------------------------------------------
# The one place that keeps Product.search_key, Product.sku_key and the product's
# product_search_words rows in step with its name and SKU: every ORM write of a
# Product (import, demo, back office) passes here. Core statements that write
# products.name directly bypass it and must not be used for names.


def _search_key_of(name: str) -> str:
    return search_key(name)[:SEARCH_KEY_LENGTH]


def _changed(product: Product, attribute: str) -> bool:
    return bool(inspect(product).attrs[attribute].history.has_changes())


def _write_search_words(connection: Connection, product: Product, *, replace: bool) -> None:
    if replace:
        connection.execute(
            delete(ProductSearchWord).where(ProductSearchWord.product_id == product.id)
        )
    rows = [
        {"product_id": product.id, "key": key, "name_key": product.search_key}
        for key in dict.fromkeys(word_keys(product.search_key))
    ]
    if rows:
        connection.execute(insert(ProductSearchWord), rows)


@event.listens_for(Product, "before_insert")
def _keys_of_new_product(_mapper: Mapper[Any], _connection: Connection, product: Product) -> None:
    product.search_key = _search_key_of(product.name)
    product.sku_key = code_key(product.sku)


@event.listens_for(Product, "before_update")
def _keys_of_changed_product(
    _mapper: Mapper[Any], _connection: Connection, product: Product
) -> None:
    if _changed(product, "name"):
        product.search_key = _search_key_of(product.name)
    if _changed(product, "sku"):
        product.sku_key = code_key(product.sku)


@event.listens_for(Product, "after_insert")
def _words_of_new_product(_mapper: Mapper[Any], connection: Connection, product: Product) -> None:
    _write_search_words(connection, product, replace=False)


@event.listens_for(Product, "after_update")
def _words_of_changed_product(
    _mapper: Mapper[Any], connection: Connection, product: Product
) -> None:
    if _changed(product, "name"):
        _write_search_words(connection, product, replace=True)
