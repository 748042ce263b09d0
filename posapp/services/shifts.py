"""Shifts: the cash drawer's float at the start, and the count at the end (Z report data)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import bindparam, func, select

from posapp.db.models import Payment, Sale, SaleLine, Shift, ShiftCount, Till
from posapp.db.uow import UnitOfWork
from posapp.domain.cart import PaymentMethod
from posapp.domain.money import ZERO, to_cents
from posapp.domain.roles import Actor, Permission, require
from posapp.domain.vat import VatLine
from posapp.errors import InvalidInput, NotFound, ShiftError
from posapp.i18n import _
from posapp.services import audit, loyalty


@dataclass(frozen=True)
class MethodCount:
    method: PaymentMethod
    expected: Decimal
    counted: Decimal

    @property
    def difference(self) -> Decimal:
        return self.counted - self.expected


@dataclass(frozen=True)
class ShiftReport:
    """What a Z report prints for one shift."""

    shift_id: int
    till_code: str
    opened_at: datetime
    closed_at: datetime | None
    opening_float: Decimal
    sales_count: int
    refunds_count: int
    voids_count: int
    sales_total: Decimal
    refunds_total: Decimal
    vat: list[VatLine]
    counts: list[MethodCount]


_TILL_BY_CODE = select(Till.id).where(Till.code == bindparam("code"))
_OPEN_SHIFT = select(Shift.id).where(Shift.till_id == bindparam("till"), Shift.closed_at.is_(None))


def till_id(uow: UnitOfWork, till_code: str) -> int:
    found = uow.connection.execute(_TILL_BY_CODE, {"code": till_code}).scalar()
    if found is None:
        raise NotFound(_("There is no till {code} in this database.").format(code=till_code))
    return found


def till_codes(uow: UnitOfWork) -> tuple[str, ...]:
    """The codes of every till that has used this database, in order."""
    return tuple(uow.connection.execute(select(Till.code).order_by(Till.code)).scalars())


def open_shift_id(uow: UnitOfWork, till: int) -> int | None:
    return uow.connection.execute(_OPEN_SHIFT, {"till": till}).scalar()


def ensure_till(uow: UnitOfWork, till_code: str, name: str | None = None) -> int:
    """The till's id, registering the till the first time it is used."""
    with uow.writing():
        existing = uow.session.scalar(select(Till.id).where(Till.code == till_code))
        if existing is not None:
            return existing
        till = Till(code=till_code, name=name or _("Till {code}").format(code=till_code))
        uow.session.add(till)
        uow.session.flush()
        uow.commit()
        return till.id


def open_shift(uow: UnitOfWork, actor: Actor, till_code: str, opening_float: Decimal) -> int:
    require(actor, Permission.MANAGE_SHIFT)
    if opening_float < 0 or opening_float != to_cents(opening_float):
        raise InvalidInput(_("The float is a positive number of euros and cents."))
    with uow.writing():
        till = till_id(uow, till_code)
        if open_shift_id(uow, till) is not None:
            raise ShiftError(
                _(
                    "A shift is already open on till {code}. Close it before opening another."
                ).format(code=till_code)
            )
        shift = Shift(
            till_id=till, opened_by=actor.user_id, opened_at=uow.now(), opening_float=opening_float
        )
        uow.session.add(shift)
        uow.session.flush()
        audit.record(uow, actor, "shift_opened", {"float": opening_float}, till_id=till)
        uow.commit()
        return shift.id


def close_shift(
    uow: UnitOfWork, actor: Actor, till_code: str, counted: dict[PaymentMethod, Decimal]
) -> ShiftReport:
    """Close the till's open shift with the counted amounts; returns the Z report data.

    Then, in a transaction of its own, the day's loyalty housekeeping: points and
    vouchers past their expiry (posapp.services.loyalty.expire_points). The shift
    is closed whether or not that succeeds; a failure is logged, and the next
    close (or `posapp loyalty expire`) catches up.
    """
    require(actor, Permission.MANAGE_SHIFT)
    with uow.writing():
        till = till_id(uow, till_code)
        shift_id = open_shift_id(uow, till)
        if shift_id is None:
            raise ShiftError(_("No shift is open on till {code}.").format(code=till_code))
        shift = uow.session.get_one(Shift, shift_id)
        shift.closed_at = uow.now()
        shift.closed_by = actor.user_id
        report = _report(uow, shift, till_code, counted)
        for count in report.counts:
            uow.session.add(
                ShiftCount(
                    shift_id=shift_id,
                    method=count.method.value,
                    expected=count.expected,
                    counted=count.counted,
                )
            )
        audit.record(
            uow,
            actor,
            "shift_closed",
            {c.method.value: {"expected": c.expected, "counted": c.counted} for c in report.counts},
            till_id=till,
        )
        uow.commit()
    try:
        loyalty.expire_points(uow, actor)
    except Exception:  # housekeeping must never undo or block the close
        logging.getLogger("posapp").exception("expiring loyalty points after a shift failed")
    return report


def shift_report(uow: UnitOfWork, shift_id: int) -> ShiftReport:
    with uow:
        shift = uow.session.get(Shift, shift_id)
        if shift is None:
            raise NotFound(_("There is no shift {number}.").format(number=shift_id))
        till_code = uow.session.get_one(Till, shift.till_id).code
        counted = {
            PaymentMethod(c.method): c.counted
            for c in uow.session.scalars(select(ShiftCount).where(ShiftCount.shift_id == shift_id))
        }
        return _report(uow, shift, till_code, counted)


def _report(
    uow: UnitOfWork, shift: Shift, till_code: str, counted: dict[PaymentMethod, Decimal]
) -> ShiftReport:
    session = uow.session
    by_kind = {
        (kind, status): (count, total)
        for kind, status, count, total in session.execute(
            select(Sale.kind, Sale.status, func.count(), func.sum(Sale.total))
            .where(Sale.shift_id == shift.id)
            .group_by(Sale.kind, Sale.status)
        )
    }
    taken = {
        PaymentMethod(method): amount
        for method, amount in session.execute(
            select(Payment.method, func.sum(Payment.amount))
            .join(Sale, Payment.sale_id == Sale.id)
            .where(Sale.shift_id == shift.id, Sale.status == "completed")
            .group_by(Payment.method)
        )
    }
    vat = [
        VatLine(rate=rate, gross=gross, vat=vat_amount)
        for rate, gross, vat_amount in session.execute(
            select(SaleLine.vat_rate, func.sum(SaleLine.total), func.sum(SaleLine.vat_amount))
            .join(Sale, SaleLine.sale_id == Sale.id)
            .where(Sale.shift_id == shift.id, Sale.status == "completed")
            .group_by(SaleLine.vat_rate)
            .order_by(SaleLine.vat_rate.desc())
        )
    ]
    methods = [m for m in PaymentMethod if m in taken or m in counted or m is PaymentMethod.CASH]
    counts = []
    for method in methods:
        expected = taken.get(method, ZERO) + (
            shift.opening_float if method is PaymentMethod.CASH else ZERO
        )
        counts.append(MethodCount(method, expected, counted.get(method, ZERO)))
    sales = by_kind.get(("sale", "completed"), (0, ZERO))
    refunds = by_kind.get(("refund", "completed"), (0, ZERO))
    return ShiftReport(
        shift_id=shift.id,
        till_code=till_code,
        opened_at=shift.opened_at,
        closed_at=shift.closed_at,
        opening_float=shift.opening_float,
        sales_count=sales[0],
        refunds_count=refunds[0],
        voids_count=by_kind.get(("sale", "voided"), (0, ZERO))[0],
        sales_total=sales[1],
        refunds_total=refunds[1],
        vat=vat,
        counts=counts,
    )
