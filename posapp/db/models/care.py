"""Customer care: notes and preferences, promises, complaints, the reminders the till
showed and what was done with them, and the cards offered to buyers without one."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from posapp.db.models.base import Base
from posapp.db.types import UtcDateTime
from posapp.domain.reminders import ReminderKind

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
