"""What the main window shows at a glance: today's takings, the shift, recent sales.

One read transaction. Sales are read as a range over the indexed
Sale.completed_at, so the overview stays quick on years of history; the
product and customer counts scan their tables (milliseconds at shop sizes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, tzinfo
from decimal import Decimal

from sqlalchemy import case, func, select

from posapp.db.models import Customer, Product, Sale, Shift, Till, User
from posapp.db.uow import UnitOfWork
from posapp.domain.money import ZERO
from posapp.services.settings import read_settings, shop_time_zone
from posapp.services.shifts import till_id

RECENT_SALES = 20


@dataclass(frozen=True)
class SaleRow:
    sale_id: int
    till_code: str
    receipt_number: int
    kind: str  # "sale" or "refund"
    completed_at: datetime  # aware, UTC
    user_name: str
    customer_name: str | None
    total: Decimal  # negative for a refund


@dataclass(frozen=True)
class ShopOverview:
    shop_name: str
    till_code: str
    language: str  # the shop's language setting
    time_zone: str  # the zone "today" was computed in
    product_count: int  # active products
    customer_count: int
    sales_today_till: int  # completed sales (not refunds) since local midnight, this till
    takings_today_till: Decimal  # completed sales plus refunds, this till
    sales_today_all: int
    takings_today_all: Decimal
    shift_open_since: datetime | None  # None: no shift open on this till
    shift_opened_by: str | None
    recent: list[SaleRow]  # newest first, all tills


def local_midnight(moment: datetime, zone: tzinfo) -> datetime:
    """The start of `moment`'s day in `zone`, as an aware UTC datetime."""
    day = moment.astimezone(zone).date()
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


def shop_overview(uow: UnitOfWork, till_code: str) -> ShopOverview:
    """Today's numbers for this till and the shop, the till's shift and the last sales."""
    with uow:
        session = uow.session
        settings = read_settings(uow)
        till = till_id(uow, till_code)
        zone_name, zone = shop_time_zone(settings.time_zone)
        since = local_midnight(uow.now(), zone)

        sales_till, takings_till, sales_all, takings_all = 0, ZERO, 0, ZERO
        today = session.execute(
            select(
                Sale.till_id,
                func.count(case((Sale.kind == "sale", Sale.id))),
                func.sum(Sale.total),
            )
            .where(Sale.completed_at >= since, Sale.status == "completed")
            .group_by(Sale.till_id)
        )
        for row_till, count, takings in today:
            sales_all += count
            takings_all += takings
            if row_till == till:
                sales_till, takings_till = count, takings

        product_count = session.scalar(
            select(func.count()).select_from(Product).where(Product.active)
        )
        customer_count = session.scalar(select(func.count()).select_from(Customer))

        shift = session.execute(
            select(Shift.opened_at, User.name)
            .join(User, User.id == Shift.opened_by)
            .where(Shift.till_id == till, Shift.closed_at.is_(None))
        ).first()

        recent = [
            SaleRow(
                sale_id=sale_id,
                till_code=code,
                receipt_number=number,
                kind=kind,
                completed_at=completed_at,
                user_name=user_name,
                customer_name=customer_name,
                total=total,
            )
            for sale_id, code, number, kind, completed_at, user_name, customer_name, total in (
                session.execute(
                    select(
                        Sale.id,
                        Till.code,
                        Sale.receipt_number,
                        Sale.kind,
                        Sale.completed_at,
                        User.name,
                        Customer.name,
                        Sale.total,
                    )
                    .join(Till, Till.id == Sale.till_id)
                    .join(User, User.id == Sale.user_id)
                    .outerjoin(Customer, Customer.id == Sale.customer_id)
                    .where(Sale.status == "completed")
                    .order_by(Sale.completed_at.desc(), Sale.id.desc())
                    .limit(RECENT_SALES)
                )
            )
            if number is not None
        ]

        return ShopOverview(
            shop_name=settings.shop_name,
            till_code=till_code,
            language=settings.language,
            time_zone=zone_name,
            product_count=product_count or 0,
            customer_count=customer_count or 0,
            sales_today_till=sales_till,
            takings_today_till=takings_till,
            sales_today_all=sales_all,
            takings_today_all=takings_all,
            shift_open_since=shift.opened_at if shift else None,
            shift_opened_by=shift.name if shift else None,
            recent=recent,
        )
