"""Helpers for the loyalty tests: members, their balances and ledgers, as a test reads them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from posapp.db.models import LoyaltyAccount, PointsEntry, Voucher
from posapp.db.uow import UnitOfWork
from posapp.services import loyalty
from posapp.services.settings import LoyaltySettings, load_settings, update_settings
from tests.conftest import Shop


def balance(uow: UnitOfWork, customer_id: int) -> int:
    with uow:
        return uow.session.scalars(
            select(LoyaltyAccount.balance).where(LoyaltyAccount.customer_id == customer_id)
        ).one()


def ledger_sum(uow: UnitOfWork, customer_id: int) -> int:
    with uow:
        return (
            uow.session.scalar(
                select(func.sum(PointsEntry.points)).where(PointsEntry.customer_id == customer_id)
            )
            or 0
        )


def entries(uow: UnitOfWork, customer_id: int | None = None) -> list[tuple[str, int]]:
    """(kind, points) of the ledger, oldest first (all customers' unless one is named)."""
    with uow:
        query = select(PointsEntry.kind, PointsEntry.points).order_by(PointsEntry.id)
        if customer_id is not None:
            query = query.where(PointsEntry.customer_id == customer_id)
        return [(kind, points) for kind, points in uow.session.execute(query)]


def voucher_status(uow: UnitOfWork, code: str) -> str:
    with uow:
        return uow.session.scalars(select(Voucher.status).where(Voucher.code == code)).one()


def give_points(shop: Shop, customer_id: int, points: int) -> None:
    loyalty.adjust_points(shop.uow, shop.owner, customer_id, points, "test: starting balance")


def set_loyalty(shop: Shop, **changes: Any) -> LoyaltySettings:
    """Change the shop's loyalty settings as the owner would."""
    new = replace(load_settings(shop.uow).loyalty, **changes)
    update_settings(shop.uow, shop.owner, loyalty=new)
    return new


class Clock:
    """A clock the test moves (the unit of work's clock is replaced by it).

    It starts at `start`, or at 10:00 UTC today: the same calendar day in UTC and in the
    shop's time zone (Riga, UTC+2/+3), so a test that takes "today" from it agrees with
    the shop's day at whatever hour it runs."""

    def __init__(self, start: datetime | None = None) -> None:
        self.moment = start or datetime.now(UTC).replace(hour=10, minute=0, second=0, microsecond=0)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


def use_clock(shop: Shop, clock: Clock) -> Callable[[], None]:
    """Put the clock into the shop's unit of work; returns what puts the old one back."""
    old = shop.uow.clock
    shop.uow.clock = clock

    def restore() -> None:
        shop.uow.clock = old

    return restore
