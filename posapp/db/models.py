"""The schema, as SQLAlchemy 2.x declarative models.

Alembic migrations in posapp/db/migrations are the source of the schema in a
database; a test checks that these models and the migrations agree.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Connection,
    Date,
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
from posapp.domain.reminders import ReminderKind
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
    # What the shop pays for one (per kg when sold by weight), excl. VAT as accountants
    # count cost (the VAT paid is reclaimed); None: not known. A sale line keeps its own copy.
    cost_price: Mapped[Decimal | None] = mapped_column(Cents())
    sold_by: Mapped[str] = mapped_column(String(8), server_default=text("'unit'"))
    # The item code printed inside in-store price/weight labels (scale PLU).
    label_code: Mapped[str | None] = mapped_column(String(6), unique=True)
    active: Mapped[bool] = mapped_column(server_default=text("true"))
    __table_args__ = (
        CheckConstraint("sold_by IN ('unit', 'weight')", name="sold_by"),
        CheckConstraint("price >= 0", name="price"),
        CheckConstraint("cost_price >= 0", name="cost_price"),
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
    """A member of the loyalty programme. Their cards, points and stage facts have tables
    of their own; a customer merged into another keeps their row, pointing at it."""

    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    phone: Mapped[str | None] = mapped_column(String(32))  # as given
    # posapp.domain.loyalty.phone_key of the phone: digits, international form.
    phone_key: Mapped[str | None] = mapped_column(String(16), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    birthday: Mapped[date | None] = mapped_column(Date())
    language: Mapped[str | None] = mapped_column(String(8))  # the language they prefer
    address_as: Mapped[str | None] = mapped_column(String(80))  # how they like to be addressed
    notes: Mapped[str | None] = mapped_column(Text)
    marketing_consent: Mapped[bool] = mapped_column(server_default=text("false"))
    consented_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    consent_taken_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    referred_by_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))


class CustomerNameKey(Base):
    """A customer's name from each of its words on (search_key, then word_keys), so that
    "the name or a later word of it starts with the text" is one indexed prefix search."""

    __tablename__ = "customer_name_keys"
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    key: Mapped[str] = mapped_column(SearchKey(), primary_key=True)
    __table_args__ = (Index("ix_customer_name_keys_key", "key", "customer_id"),)


class LoyaltyCard(Base):
    """A card's number belongs to one customer for good: a lost card is blocked, a new one
    issued to the same customer, and a number is never handed out again."""

    __tablename__ = "loyalty_cards"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    status: Mapped[str] = mapped_column(String(8))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime())
    blocked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    __table_args__ = (
        CheckConstraint("status IN ('active', 'blocked')", name="status"),
        CheckConstraint("(status = 'blocked') = (blocked_at IS NOT NULL)", name="blocked_at"),
    )


STAGES = ("visitor", "buyer", "client", "advocate")


class LoyaltyAccount(Base):
    """A customer's points balance and the facts their stage is computed from.

    The balance is the sum of the customer's points_entries, kept in the same
    transaction as every entry (a test checks the two agree); spending is a
    conditional UPDATE (balance >= what is spent), and the database refuses a
    negative balance outright. The facts are kept as each sale commits, so the
    counter never reads history to say who a customer is.
    """

    __tablename__ = "loyalty_accounts"
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    balance: Mapped[int] = mapped_column(server_default=text("0"))
    stage: Mapped[str] = mapped_column(String(10), server_default=text("'visitor'"))
    purchases: Mapped[int] = mapped_column(server_default=text("0"))
    visits: Mapped[int] = mapped_column(server_default=text("0"))  # days with a purchase
    last_visit_on: Mapped[date | None] = mapped_column(Date())
    first_purchase_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_purchase_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    referred_buyers: Mapped[int] = mapped_column(server_default=text("0"))
    five_star_ratings: Mapped[int] = mapped_column(server_default=text("0"))
    # The year whose birthday voucher was issued (one a year).
    birthday_reward_year: Mapped[int | None]
    # The facts of staff reminders (posapp.domain.reminders), kept by the sale like the
    # rest: what the last sale was (a JSON list of a few product names), and the usual
    # days between visits (posapp.domain.reminders.next_visit_interval).
    last_items: Mapped[str | None] = mapped_column(Text)
    visit_interval: Mapped[Decimal | None] = mapped_column(ScaledDecimal(1))
    __table_args__ = (
        CheckConstraint("balance >= 0", name="balance"),
        CheckConstraint(f"stage IN {STAGES!r}", name="stage"),
    )


class CustomerVisit(Base):
    """A day (shop time) on which the customer bought something."""

    __tablename__ = "customer_visits"
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date(), primary_key=True)
    # A period's visits, for the loyalty report (posapp.services.reports.loyalty).
    __table_args__ = (Index("ix_customer_visits_day", "day", "customer_id"),)


POINTS_KINDS = (
    "earned",
    "redeemed",
    "refund_reversal",
    "redemption_restored",
    "expired",
    "adjustment",
    "referral",
    "bonus",
)


class PointsEntry(Base):
    """The points ledger: append-only (triggers refuse DELETE, and UPDATE of anything but
    customer_id, which only merging two customers changes).

    `key` says what the entry is for, so that it cannot be posted twice:
    UNIQUE (kind, key); and a sale has one "earned" entry at most, whatever its
    key (a partial unique index on sale_id). Earned points are keyed by the sale ("sale:<id>"),
    points spent by the sale and the reward, refund entries by the refund,
    referral rewards by the new member, expiry by customer and date.
    """

    __tablename__ = "points_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    kind: Mapped[str] = mapped_column(String(20))
    points: Mapped[int] = mapped_column(BigInteger())
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sales.id"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    reason: Mapped[str | None] = mapped_column(String(200))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    __table_args__ = (
        UniqueConstraint("kind", "key", name="uq_points_entries_kind_key"),
        CheckConstraint(f"kind IN {POINTS_KINDS!r}", name="kind"),
        # A customer's entries in time order, with their points: what is about to expire
        # is read from the index alone (posapp.services.care).
        Index("ix_points_entries_customer_at_points", "customer_id", "at", "points"),
        # The points of a kind in a period or up to a day, from the index alone (the
        # loyalty report: issued, redeemed, expired, breakage).
        Index("ix_points_entries_kind_at", "kind", "at", "points"),
        # However an entry is keyed: a sale earns points once.
        Index(
            "uq_points_entries_earned_per_sale",
            "sale_id",
            unique=True,
            sqlite_where=text("kind = 'earned'"),
            postgresql_where=text("kind = 'earned'"),
        ),
    )


class StageChange(Base):
    __tablename__ = "stage_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    from_stage: Mapped[str] = mapped_column(String(10))
    to_stage: Mapped[str] = mapped_column(String(10))
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sales.id"), index=True)
    # A customer's changes in order: their latest is one index lookup (a stage just reached).
    __table_args__ = (Index("ix_stage_changes_customer_id_id", "customer_id", "id"),)


class Rating(Base):
    """A customer's rating of the service, 1 to 5; at most one per sale."""

    __tablename__ = "ratings"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sales.id"), unique=True)
    rating: Mapped[int]
    comment: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 5", name="rating"),)


class CustomerProduct(Base):
    """In how many sales a customer bought a product, kept as each sale commits: their
    usual items are the top of it, read by index."""

    __tablename__ = "customer_products"
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    sales: Mapped[int]
    last_bought_at: Mapped[datetime] = mapped_column(UtcDateTime())
    __table_args__ = (
        Index("ix_customer_products_usual", "customer_id", "sales", "last_bought_at"),
        Index("ix_customer_products_product_id", "product_id"),
    )


NOTE_KINDS = ("note", "preference")


class CustomerNote(Base):
    """What a colleague noticed about a customer (a note), or what they like (a preference)."""

    __tablename__ = "customer_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    __table_args__ = (
        CheckConstraint(f"kind IN {NOTE_KINDS!r}", name="kind"),
        Index("ix_customer_notes_customer_id_id", "customer_id", "id"),
    )


PROMISE_STATUSES = ("open", "done", "cancelled")


class Promise(Base):
    """Something the shop agreed to do for a customer by a day (order a product, set an
    item aside, call back): open until it is done or cancelled, by whom, when and how."""

    __tablename__ = "promises"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    what: Mapped[str] = mapped_column(Text)  # what was promised
    due_on: Mapped[date] = mapped_column(Date())  # the shop's day it is due
    status: Mapped[str] = mapped_column(String(10), server_default=text("'open'"))
    taken_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime())
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    resolution: Mapped[str | None] = mapped_column(Text)  # how it was done, or why not
    __table_args__ = (
        CheckConstraint(f"status IN {PROMISE_STATUSES!r}", name="status"),
        CheckConstraint("(status = 'open') = (resolved_at IS NULL)", name="resolved_at"),
        Index("ix_promises_customer_id_status", "customer_id", "status", "due_on"),
        Index("ix_promises_status_due_on", "status", "due_on"),
    )


COMPLAINT_STATUSES = ("open", "resolved")


class Complaint(Base):
    """A customer's complaint: what happened and what was promised to put it right. It
    stays on every till's screen, at that customer's card, until it is resolved."""

    __tablename__ = "complaints"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    what: Mapped[str] = mapped_column(Text)
    promised: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), server_default=text("'open'"))
    taken_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime())
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    resolution: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        CheckConstraint(f"status IN {COMPLAINT_STATUSES!r}", name="status"),
        CheckConstraint("(status = 'open') = (resolved_at IS NULL)", name="resolved_at"),
        Index("ix_complaints_customer_id_status", "customer_id", "status"),
        Index("ix_complaints_status_taken_at", "status", "taken_at"),
    )


REMINDER_KINDS = tuple(kind.value for kind in ReminderKind)


class ReminderAction(Base):
    """A reminder the cashier marked done or dismissed: who, where and when. Its key names
    the occasion (posapp.domain.reminders), so it stays away for that occasion."""

    __tablename__ = "reminder_actions"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    key: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(10))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    till_id: Mapped[int | None] = mapped_column(ForeignKey("tills.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    __table_args__ = (
        UniqueConstraint("customer_id", "key", name="uq_reminder_actions_customer_key"),
        CheckConstraint(f"kind IN {REMINDER_KINDS!r}", name="kind"),
        CheckConstraint("action IN ('done', 'dismissed')", name="action"),
    )


class ReminderLeft(Base):
    """A reminder still on the till's screen, neither done nor dismissed, when the sale it
    was shown with was completed: left alone (ignored) that time. Recorded in the sale's
    transaction (posapp.services.checkout.complete_sale); a complaint's reminder, which
    cannot be marked, is not."""

    __tablename__ = "reminders_left"
    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    key: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    till_id: Mapped[int] = mapped_column(ForeignKey("tills.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    __table_args__ = (
        UniqueConstraint("sale_id", "key", name="uq_reminders_left_sale_key"),
        CheckConstraint(f"kind IN {REMINDER_KINDS!r}", name="kind"),
        # What the care report reads them by (a period), with all it reads of them.
        Index("ix_reminders_left_at", "at", "customer_id", "kind", "user_id", "till_id"),
    )


CARD_OFFER_ANSWERS = ("accepted", "declined", "not_asked")


class CardOffer(Base):
    """After a sale without a card: was the buyer offered one, and what did they say."""

    __tablename__ = "card_offers"
    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), unique=True)
    answer: Mapped[str] = mapped_column(String(10))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    till_id: Mapped[int] = mapped_column(ForeignKey("tills.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    __table_args__ = (CheckConstraint(f"answer IN {CARD_OFFER_ANSWERS!r}", name="answer"),)


class Voucher(Base):
    """An issued reward with a scannable code: used once, until it expires.

    `issue_key` says why it was issued ("visit:<customer>:<n>:<reward>",
    "birthday:<customer>:<year>", …), so the same occasion never issues two.
    Using it is a conditional UPDATE (status = 'issued'), so two tills cannot.
    `customer_id` is who it was given to; `bearer` says that anyone holding it may
    use it (else only with that customer's card).
    """

    __tablename__ = "vouchers"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    bearer: Mapped[bool] = mapped_column(server_default=text("false"))
    reward_key: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(8))
    amount: Mapped[Decimal | None] = mapped_column(Cents())
    percent: Mapped[Decimal | None] = mapped_column(ScaledDecimal(2))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    status: Mapped[str] = mapped_column(String(8), server_default=text("'issued'"))
    issue_key: Mapped[str] = mapped_column(String(80), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime())
    issued_in_sale_id: Mapped[int | None] = mapped_column(ForeignKey("sales.id"), index=True)
    expires_on: Mapped[date] = mapped_column(Date())  # the last day it can be used
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    used_in_sale_id: Mapped[int | None] = mapped_column(ForeignKey("sales.id"), index=True)
    __table_args__ = (
        CheckConstraint("kind IN ('amount', 'percent', 'product')", name="kind"),
        CheckConstraint("status IN ('issued', 'used', 'expired')", name="status"),
        CheckConstraint("(status = 'used') = (used_in_sale_id IS NOT NULL)", name="used_in_sale"),
        Index("ix_vouchers_customer_status", "customer_id", "status"),
        Index("ix_vouchers_status_expires_on", "status", "expires_on"),
    )


class NumberSeries(Base):
    """Counters that hand out numbers once: loyalty card numbers."""

    __tablename__ = "number_series"
    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    next_value: Mapped[int] = mapped_column(BigInteger())


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


def _changed(row: Base, attribute: str) -> bool:
    return bool(inspect(row).attrs[attribute].history.has_changes())


def _write_keys(
    connection: Connection,
    owner: Any,
    owner_id: int,
    rows: list[dict[str, Any]],
    *,
    replace: bool,
) -> None:
    """A row's search key rows (`owner`: their column naming the row), written anew."""
    if replace:
        connection.execute(delete(owner.table).where(owner == owner_id))
    if rows:
        connection.execute(insert(owner.table), rows)


def _write_search_words(connection: Connection, product: Product, *, replace: bool) -> None:
    rows = [
        {"product_id": product.id, "key": key, "name_key": product.search_key}
        for key in dict.fromkeys(word_keys(product.search_key))
    ]
    _write_keys(connection, ProductSearchWord.product_id, product.id, rows, replace=replace)


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


# --- A customer's name keys and loyalty account -------------------------------------------
# Every customer written through the ORM (enrolment, the demo) gets their account
# and name search keys here, as products get theirs above.


def _write_customer_keys(connection: Connection, customer: Customer, *, replace: bool) -> None:
    full = _search_key_of(customer.name)
    rows = [
        {"customer_id": customer.id, "key": key}
        for key in dict.fromkeys([full, *word_keys(full)] if full else [])
    ]
    _write_keys(connection, CustomerNameKey.customer_id, customer.id, rows, replace=replace)


@event.listens_for(Customer, "after_insert")
def _account_of_new_customer(
    _mapper: Mapper[Any], connection: Connection, customer: Customer
) -> None:
    connection.execute(insert(LoyaltyAccount).values(customer_id=customer.id))
    _write_customer_keys(connection, customer, replace=False)


@event.listens_for(Customer, "after_update")
def _keys_of_changed_customer(
    _mapper: Mapper[Any], connection: Connection, customer: Customer
) -> None:
    if _changed(customer, "name"):
        _write_customer_keys(connection, customer, replace=True)
