"""Refunds of completed sales, linked to the lines they give money back for.

A refund of a customer's sale takes back, in the same transaction, the points
the sale earned and gives back the points spent in it, in proportion to the
money refunded (posapp.services.loyalty.record_refund).
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import exc as sa_exc
from sqlalchemy import func, insert, select

from posapp.db.models import Payment, Sale, SaleLine
from posapp.db.uow import UnitOfWork
from posapp.domain.cart import PaymentMethod
from posapp.domain.money import ZERO, plain_quantity, to_cents
from posapp.domain.roles import Actor, Permission, require
from posapp.errors import InvalidInput, NotFound, ShiftError
from posapp.i18n import _
from posapp.services import audit, loyalty
from posapp.services.checkout import (
    CompletedSale,
    recorded_sale,
    stored_vat,
    take_receipt_number,
)
from posapp.services.shifts import open_shift_id, till_id


class _AlreadyRecorded(Exception):
    """Leaves the transaction when the refund's UUID is already recorded."""


@dataclass(frozen=True)
class RefundableLine:
    line_id: int
    name: str
    sold: Decimal
    refunded: Decimal
    unit_price: Decimal
    total: Decimal

    @property
    def refundable(self) -> Decimal:
        return self.sold - self.refunded


@dataclass(frozen=True)
class RefundableSale:
    sale_id: int
    till_code: str
    receipt_number: int
    total: Decimal
    lines: list[RefundableLine]
    paid_by: list[PaymentMethod]


def _find_sale(uow: UnitOfWork, till_code: str, receipt_number: int, lock: bool = False) -> Sale:
    """The sale on that receipt; `lock` holds it so two tills cannot refund it at once."""
    query = select(Sale).where(
        Sale.till_id == till_id(uow, till_code), Sale.receipt_number == receipt_number
    )
    sale = uow.session.scalar(query.with_for_update() if lock else query)
    if sale is None or sale.kind != "sale":
        raise NotFound(
            _(
                "There is no sale with receipt {till}-{number}. Check the number on the receipt."
            ).format(till=till_code, number=receipt_number)
        )
    return sale


def _refunded_by_line(uow: UnitOfWork, sale_id: int) -> dict[int, tuple[Decimal, Decimal, Decimal]]:
    """Per original line: quantity, total and VAT already refunded (as positive numbers)."""
    refund_line = SaleLine.__table__.alias("refund_line")
    rows = uow.session.execute(
        select(
            refund_line.c.refund_of_line_id,
            func.sum(refund_line.c.quantity),
            func.sum(refund_line.c.total),
            func.sum(refund_line.c.vat_amount),
        )
        .join(SaleLine, SaleLine.id == refund_line.c.refund_of_line_id)
        .where(SaleLine.sale_id == sale_id)
        .group_by(refund_line.c.refund_of_line_id)
    )
    return {line_id: (-qty, -total, -vat) for line_id, qty, total, vat in rows}


def refundable_sale(uow: UnitOfWork, till_code: str, receipt_number: int) -> RefundableSale:
    """What can still be refunded of a sale, found by its receipt number."""
    with uow:
        sale = _find_sale(uow, till_code, receipt_number)
        refunded = _refunded_by_line(uow, sale.id)
        lines = uow.session.scalars(
            select(SaleLine).where(SaleLine.sale_id == sale.id).order_by(SaleLine.line_no)
        )
        methods = uow.session.scalars(select(Payment.method).where(Payment.sale_id == sale.id))
        return RefundableSale(
            sale_id=sale.id,
            till_code=till_code,
            receipt_number=receipt_number,
            total=sale.total,
            lines=[
                RefundableLine(
                    line.id,
                    line.name,
                    line.quantity,
                    refunded.get(line.id, (ZERO, ZERO, ZERO))[0],
                    line.unit_price,
                    line.total,
                )
                for line in lines
            ],
            paid_by=[PaymentMethod(m) for m in dict.fromkeys(methods)],
        )


def refund(
    uow: UnitOfWork,
    actor: Actor,
    *,
    till_code: str,
    original_till_code: str,
    receipt_number: int,
    quantities: dict[int, Decimal] | None,
    method: PaymentMethod,
    reason: str,
    refund_uuid: str | None = None,
    approver: Actor | None = None,
) -> CompletedSale:
    """Refund some or all lines (`quantities` by line id; None = everything left).

    The refund is a document of its own with the refunding till's next receipt
    number; each line points at the line it refunds and a line can never be
    refunded beyond what was sold. Posting the same refund UUID twice records it once.
    """
    by = require(actor, Permission.REFUND, approver)
    if actor.user_id is None:
        raise InvalidInput(_("A refund is made by a signed-in user."))
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Say why the sale is refunded."))
    refund_uuid = refund_uuid or str(uuid_module.uuid4())
    if quantities is not None and not any(q > 0 for q in quantities.values()):
        raise InvalidInput(_("Choose what to refund."))
    try:
        with uow.writing():
            session = uow.session
            original = _find_sale(uow, original_till_code, receipt_number, lock=True)
            already = session.scalar(select(Sale.id).where(Sale.uuid == refund_uuid))
            if already is not None:  # a retry of a refund that was recorded: give its result
                raise _AlreadyRecorded
            refunded = _refunded_by_line(uow, original.id)
            originals = list(
                session.scalars(
                    select(SaleLine).where(SaleLine.sale_id == original.id).order_by(SaleLine.id)
                )
            )
            wanted = (
                dict(quantities)
                if quantities is not None
                else {
                    line.id: line.quantity - refunded.get(line.id, (ZERO, ZERO, ZERO))[0]
                    for line in originals
                }
            )
            rows = []
            for line in originals:
                quantity = wanted.pop(line.id, ZERO)
                if quantity == 0:
                    continue
                done_qty, done_total, done_vat = refunded.get(line.id, (ZERO, ZERO, ZERO))
                left = line.quantity - done_qty
                if quantity < 0 or quantity > left:
                    raise InvalidInput(
                        _("{name}: at most {left} can still be refunded.").format(
                            name=line.name, left=plain_quantity(left)
                        )
                    )
                if quantity == left:  # the last of the line: exactly what is left, to the cent
                    total, vat = line.total - done_total, line.vat_amount - done_vat
                else:
                    total = to_cents(line.total * quantity / line.quantity)
                    vat = to_cents(line.vat_amount * quantity / line.quantity)
                rows.append((line, quantity, total, vat))
            if wanted:
                raise InvalidInput(_("Some of the lines to refund are not on that receipt."))
            if not rows:
                raise InvalidInput(_("Everything on that receipt was already refunded."))
            till = till_id(uow, till_code)
            shift = open_shift_id(uow, till)
            if shift is None:
                raise ShiftError(_("No shift is open on this till. Open a shift to refund."))
            number, _code = take_receipt_number(uow, till)
            total = sum((row[2] for row in rows), ZERO)
            now = uow.now()
            sale_id = uow.connection.execute(
                insert(Sale).returning(Sale.id),
                {
                    "uuid": refund_uuid,
                    "kind": "refund",
                    "status": "completed",
                    "till_id": till,
                    "shift_id": shift,
                    "receipt_number": number,
                    "user_id": actor.user_id,
                    "customer_id": original.customer_id,
                    "refund_of_id": original.id,
                    "started_at": now,
                    "completed_at": now,
                    "total": -total,
                    "reason": reason,
                },
            ).scalar_one()
            uow.connection.execute(
                insert(SaleLine),
                [
                    {
                        "sale_id": sale_id,
                        "line_no": line_no,
                        "product_id": line.product_id,
                        "name": line.name,
                        "quantity": -quantity,
                        "unit_price": line.unit_price,
                        "list_price": line.list_price,
                        "discount": ZERO,
                        "total": -line_total,
                        "vat_rate": line.vat_rate,
                        "vat_amount": -vat,
                        "unit_cost": line.unit_cost,
                        "approved_by": by.user_id if by is not actor else None,
                        "refund_of_line_id": line.id,
                    }
                    for line_no, (line, quantity, line_total, vat) in enumerate(rows, 1)
                ],
            )
            uow.connection.execute(
                insert(Payment),
                {"sale_id": sale_id, "method": method.value, "amount": -total, "tendered": -total},
            )
            outcome = None
            if original.customer_id is not None:
                before = sum((done[1] for done in refunded.values()), ZERO)
                this_time = {line.id: quantity for line, quantity, _total, _vat in rows}
                outcome = loyalty.record_refund(
                    uow,
                    actor,
                    sale_id=original.id,
                    customer_id=original.customer_id,
                    refund_id=sale_id,
                    sale_total=original.total,
                    refunded_before=before,
                    refunded_after=before + total,
                    fully=all(
                        refunded.get(line.id, (ZERO, ZERO, ZERO))[0] + this_time.get(line.id, ZERO)
                        == line.quantity
                        for line in originals
                    ),
                    now=now,
                )
            audit.record(
                uow,
                actor,
                "refund",
                {
                    "receipt": f"{original_till_code}-{receipt_number}",
                    "total": total,
                    "reason": reason,
                    "approved_by": by.user_id,
                },
                till_id=till,
            )
            uow.commit()
    except (sa_exc.IntegrityError, _AlreadyRecorded):
        recorded = recorded_sale(uow, refund_uuid)
        if recorded is None:
            raise
        return recorded
    return CompletedSale(
        sale_id=sale_id,
        uuid=refund_uuid,
        till_code=till_code,
        receipt_number=number,
        kind="refund",
        total=-total,
        change=ZERO,
        vat=stored_vat((line.vat_rate, -row_total, -vat) for line, _q, row_total, vat in rows),
        completed_at=now,
        loyalty=outcome,
    )
