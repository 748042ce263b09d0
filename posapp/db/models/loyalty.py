"""The loyalty programme's members: customers, their cards, points ledger and stage facts,
visits, ratings, usual items and vouchers."""

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
    String,
    Text,
    UniqueConstraint,
    event,
    insert,
    text,
)
from sqlalchemy.orm import Mapped, Mapper, mapped_column

from posapp.db.models.base import Base
from posapp.db.models.search import SearchKey, changed, search_key_of, write_keys
from posapp.db.types import Cents, ScaledDecimal, UtcDateTime
from posapp.domain.text import word_keys


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


# --- A customer's name keys and loyalty account -------------------------------------------
# Every customer written through the ORM (enrolment, the demo) gets their account
# and name search keys here, as products get theirs (posapp.db.models.catalogue).


def _write_customer_keys(connection: Connection, customer: Customer, *, replace: bool) -> None:
    full = search_key_of(customer.name)
    rows = [
        {"customer_id": customer.id, "key": key}
        for key in dict.fromkeys([full, *word_keys(full)] if full else [])
    ]
    write_keys(connection, CustomerNameKey.customer_id, customer.id, rows, replace=replace)


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
    if changed(customer, "name"):
        _write_customer_keys(connection, customer, replace=True)
