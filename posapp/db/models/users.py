"""The shop's users, and the audit log of what they did that needs a record."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from posapp.db.models.base import Base
from posapp.db.types import UtcDateTime


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


class AuditEntry(Base):
    """Append-only record of sensitive actions (triggers refuse UPDATE and DELETE)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    till_id: Mapped[int | None] = mapped_column(ForeignKey("tills.id"))
    action: Mapped[str] = mapped_column(String(40))
    details: Mapped[str] = mapped_column(Text)  # JSON
