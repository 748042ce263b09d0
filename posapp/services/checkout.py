"""Checkout: ring up a sale, take payment, record it whole, exactly once.

A sale being rung up is a posapp.domain.cart.Cart value that the GUI holds;
these functions look things up, check the acting user's rights and return a
new Cart. complete_sale() writes the sale, its lines and payments and takes
the till's next receipt number in one transaction; posting the same cart
(same UUID) again returns the sale already recorded. The loyalty programme's
part of a sale (points spent and earned, vouchers used and issued, the stage)
is written in that same transaction (posapp.services.loyalty.record_sale), and
only for a sale with a customer or a reward: a plain sale sends no loyalty
statement at all.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy import exc as sa_exc

from posapp.db.models import (
    OpenCart,
    Payment,
    Product,
    ReminderLeft,
    Sale,
    SaleLine,
    Till,
    User,
)
from posapp.db.uow import UnitOfWork
from posapp.domain import barcodes
from posapp.domain.cart import Cart, Discount, allocate_vat
from posapp.domain.money import ZERO
from posapp.domain.reminders import Reminder
from posapp.domain.roles import Actor, Permission, Role, require
from posapp.domain.vat import VatLine
from posapp.errors import (
    InvalidInput,
    MisreadBarcode,
    NotFound,
    PermissionDenied,
    PosError,
    SaleIncomplete,
    ShiftError,
)
from posapp.i18n import _
from posapp.services import audit, catalog, loyalty
from posapp.services.care.reminders import CustomerCare, read_card
from posapp.services.catalog import ProductInfo
from posapp.services.loyalty import LoyaltyOutcome
from posapp.services.settings import read_settings
from posapp.services.shifts import open_shift_id, till_id


class ScanKind(Enum):
    PRODUCT = "product"
    CUSTOMER = "customer"
    VOUCHER = "voucher"
    RECEIPT = "receipt"
    WEIGH = "weigh"  # goods sold by weight, scanned by their own barcode: ask for the weight


@dataclass(frozen=True)
class ScanResult:
    kind: ScanKind
    cart: Cart
    # For RECEIPT: the receipt to refund; for VOUCHER: the code to apply
    # (posapp.services.loyalty.apply_voucher).
    receipt: barcodes.ReceiptCode | None = None
    voucher_code: str | None = None
    # For WEIGH: the product to add once its weight is known (add_product(..., weighed=True)).
    product: ProductInfo | None = None
    # For CUSTOMER: the card's holder (member.summary: who, their points, stage and usable
    # rewards) and their ranked reminders, read in the scan's one transaction.
    member: CustomerCare | None = None


@dataclass(frozen=True)
class CompletedSale:
    sale_id: int
    uuid: str
    till_code: str
    receipt_number: int
    kind: str
    total: Decimal
    change: Decimal
    vat: list[VatLine]
    completed_at: datetime
    replayed: bool = False  # True when this UUID had already been recorded
    # What it did for the customer's points and vouchers (None: no customer, no reward).
    loyalty: LoyaltyOutcome | None = None


def start_sale(uow: UnitOfWork, actor: Actor, till_code: str) -> Cart:
    """A new empty cart on this till; refuses when no shift is open."""
    require(actor, Permission.SELL)
    with uow:
        till = till_id(uow, till_code)
        if open_shift_id(uow, till) is None:
            raise ShiftError(_("No shift is open on this till. Open a shift and count the float."))
        return Cart(uuid=str(uuid_module.uuid4()), till_id=till, started_at=uow.now())


def scan(
    uow: UnitOfWork, actor: Actor, cart: Cart, code: str, rules: barcodes.BarcodeRules
) -> ScanResult:
    """Route what the scanner read: goods, a scale label, a card, a voucher, a receipt."""
    require(actor, Permission.SELL)
    scanned = barcodes.classify(code, rules)
    if isinstance(scanned, barcodes.Misread):
        raise MisreadBarcode(
            _("Misread barcode ({reason}). Scan it again.").format(reason=_(scanned.reason))
        )
    if isinstance(scanned, barcodes.ReceiptCode):
        return ScanResult(ScanKind.RECEIPT, cart, receipt=scanned)
    if isinstance(scanned, barcodes.VoucherCode):
        return ScanResult(ScanKind.VOUCHER, cart, voucher_code=scanned.code)
    with uow:
        if isinstance(scanned, barcodes.LoyaltyCard):
            member = read_card(uow, scanned.number)
            holder = member.summary
            cart = cart.with_customer(holder.customer_id, holder.name)
            return ScanResult(ScanKind.CUSTOMER, cart, member=member)
        if isinstance(scanned, barcodes.PriceLabel | barcodes.WeightLabel):
            product = _sellable(catalog.product_by_label(uow, scanned.item_code), code)
        else:
            lookup = scanned.gtin if isinstance(scanned, barcodes.ProductCode) else scanned.text
            product = _sellable(catalog.product_by_barcode(uow, lookup), code)
    if isinstance(scanned, barcodes.PriceLabel):
        # The label's price is what the scale charged: one line at that price.
        new_cart = cart.add(
            product_id=product.product_id,
            name=product.name,
            quantity=Decimal(1),
            unit_price=scanned.price,
            vat_rate=product.vat_rate,
            category_id=product.category_id,
        )
    elif isinstance(scanned, barcodes.WeightLabel):
        new_cart = _add_product(cart, product, scanned.weight_kg, weighed=True)
    elif product.by_weight:
        return ScanResult(ScanKind.WEIGH, cart, product=product)
    else:
        new_cart = _add_product(cart, product, Decimal(1), weighed=False)
    return ScanResult(ScanKind.PRODUCT, new_cart)


def add_product(
    uow: UnitOfWork,
    actor: Actor,
    cart: Cart,
    product_id: int,
    quantity: Decimal = Decimal(1),
    weighed: bool = False,
) -> Cart:
    """Add a product chosen by search or a quick key (`weighed`: quantity is a weight in kg)."""
    require(actor, Permission.SELL)
    with uow:
        found = catalog.product_by_id(uow, product_id)
    if found is None:
        raise NotFound(_("That product is no longer in the catalogue. Search for it again."))
    return _add_product(cart, _sellable(found, ""), quantity, weighed)


def _add_product(cart: Cart, product: ProductInfo, quantity: Decimal, weighed: bool) -> Cart:
    if product.by_weight and not weighed:
        raise InvalidInput(
            _("{name} is sold by weight: scan the scale label or enter its weight.").format(
                name=product.name
            )
        )
    return product.add_to(cart, quantity)


def _sellable(product: ProductInfo | None, code: str) -> ProductInfo:
    if product is None:
        raise NotFound(
            _("Unknown barcode {code}. Put the item aside or find it by name.").format(code=code)
        )
    if not product.active:
        raise NotFound(
            _("{name} is no longer sold (inactive). Ask a manager.").format(name=product.name)
        )
    return product


def discount_line(
    uow: UnitOfWork,
    actor: Actor,
    cart: Cart,
    line_id: int,
    discount: Discount | None,
    approver: Actor | None = None,
) -> Cart:
    """Discount a line; above the shop's limit it needs a manager's approval."""
    require(actor, Permission.SELL)
    line = cart.line(line_id)
    approved_by = None
    if discount is not None:
        with uow:
            limit = read_settings(uow).cashier_discount_limit
        if discount.percent_of(line.gross) > limit:
            approved_by = require(actor, Permission.DISCOUNT_ABOVE_LIMIT, approver).user_id
    return cart.discount_line(line_id, discount, approved_by)


def override_price(
    actor: Actor, cart: Cart, line_id: int, unit_price: Decimal, approver: Actor | None = None
) -> Cart:
    """Change a line's unit price: managers and owners, or a cashier with their approval."""
    approved_by = require(actor, Permission.OVERRIDE_PRICE, approver).user_id
    return cart.override_price(line_id, unit_price, approved_by)


def complete_sale(
    uow: UnitOfWork, actor: Actor, cart: Cart, reminders_left: Sequence[Reminder] = ()
) -> CompletedSale:
    """Record the sale whole, with the till's next receipt number, exactly once.

    With a customer or a reward, the same transaction spends the points of the
    rewards taken, uses the vouchers, and earns and issues what the sale does; if
    the points or a voucher are no longer there (another till spent them), nothing
    is recorded and the error says so (posapp.errors.NotEnoughPoints,
    VoucherNotUsable): the cart is kept, to take the reward off and pay.
    `reminders_left` are the customer's reminders still on the screen, neither done
    nor dismissed: recorded as left alone with the sale (the care report's "ignored";
    a complaint's, which cannot be marked, is not).
    """
    require(actor, Permission.SELL)
    if actor.user_id is None:
        raise InvalidInput(_("A sale is made by a signed-in user."))
    if not cart.lines:
        raise SaleIncomplete(_("The sale is empty. Scan something first."))
    if cart.due > 0:
        raise SaleIncomplete(_("{due} is still due. Take payment first.").format(due=cart.due))
    now = uow.now()
    try:
        with uow.writing():
            conn = uow.connection
            if any(line.discount or line.unit_price != line.list_price for line in cart.lines):
                _check_approvals(uow, actor, cart)
            shift = open_shift_id(uow, cart.till_id)
            if shift is None:
                raise ShiftError(_("No shift is open on this till. Open a shift to sell."))
            number, till_code = take_receipt_number(uow, cart.till_id)
            sale_id = conn.execute(
                _INSERT_SALE,
                {
                    "uuid": cart.uuid,
                    "kind": "sale",
                    "status": "completed",
                    "till_id": cart.till_id,
                    "shift_id": shift,
                    "receipt_number": number,
                    "user_id": actor.user_id,
                    "customer_id": cart.customer_id,
                    "refund_of_id": None,
                    "started_at": cart.started_at,
                    "completed_at": now,
                    "total": cart.total,
                    "reason": None,
                },
            ).scalar_one()
            _insert_lines(uow, sale_id, cart)
            if cart.payments:
                conn.execute(
                    _INSERT_PAYMENTS,
                    [
                        {
                            "sale_id": sale_id,
                            "method": p.method.value,
                            "amount": p.amount,
                            "tendered": p.tendered,
                        }
                        for p in cart.payments
                    ],
                )
            outcome = None
            if cart.customer_id is not None or cart.rewards:
                outcome = loyalty.record_sale(uow, actor, cart, sale_id, now)
            # Once per occasion: a reminder handed twice must not fail the sale.
            left = list({r.key: r for r in reminders_left if not r.sticky}.values())
            if left and cart.customer_id is not None:
                conn.execute(
                    _INSERT_LEFT,
                    [
                        {
                            "sale_id": sale_id,
                            "customer_id": cart.customer_id,
                            "key": r.key,
                            "kind": r.kind.value,
                            "user_id": actor.user_id,
                            "till_id": cart.till_id,
                            "at": now,
                        }
                        for r in left
                    ],
                )
            conn.execute(_FORGET_OPEN_CART, {"cart_uuid": cart.uuid})
            uow.commit()
    except (sa_exc.IntegrityError, PosError):
        # A retry of a sale already recorded (even if its shift has closed since) gets
        # that sale back; anything else is reported as it is.
        recorded = recorded_sale(uow, cart.uuid)
        if recorded is None:
            raise
        return recorded
    return CompletedSale(
        sale_id=sale_id,
        uuid=cart.uuid,
        till_code=till_code,
        receipt_number=number,
        kind="sale",
        total=cart.total,
        change=cart.change,
        vat=cart.vat,
        completed_at=now,
        loyalty=outcome,
    )


_NEXT_RECEIPT = (
    update(Till)
    .where(Till.id == bindparam("till"))
    .values(next_receipt_number=Till.next_receipt_number + 1)
    .returning(Till.next_receipt_number, Till.code)
)
_FORGET_OPEN_CART = delete(OpenCart).where(OpenCart.uuid == bindparam("cart_uuid"))
# Built once, like the statements above: a statement built per call costs its
# construction and a fresh cache key walk at every execution.
_INSERT_SALE = insert(Sale).returning(Sale.id)
# Each line's unit_cost is its product's cost price now, read by the same INSERT.
_INSERT_LINES = insert(SaleLine).values(
    unit_cost=select(Product.cost_price).where(Product.id == bindparam("cost_of")).scalar_subquery()
)
_INSERT_PAYMENTS = insert(Payment)
_INSERT_LEFT = insert(ReminderLeft)


def take_receipt_number(uow: UnitOfWork, till: int) -> tuple[int, str]:
    """The till's next receipt number and the till's code, inside the caller's transaction.

    The UPDATE locks the till's row (PostgreSQL) or holds the write lock (SQLite)
    until the transaction ends, so numbers are gap-free even with several tills.
    """
    next_number, till_code = uow.connection.execute(_NEXT_RECEIPT, {"till": till}).one()
    return next_number - 1, till_code


def _insert_lines(uow: UnitOfWork, sale_id: int, cart: Cart) -> None:
    vat_shares = allocate_vat(cart.lines)
    uow.connection.execute(
        _INSERT_LINES,
        [
            {
                "sale_id": sale_id,
                "line_no": line_no,
                "product_id": line.product_id,
                "cost_of": line.product_id,
                "name": line.name,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "list_price": line.list_price,
                # The cashier's discount and the line's share of the rewards: all it was cut by.
                "discount": line.discount_amount + line.reward_discount,
                "total": line.total,
                "vat_rate": line.vat_rate,
                "vat_amount": vat,
                "approved_by": line.approved_by,
                "refund_of_line_id": None,
            }
            for line_no, (line, vat) in enumerate(zip(cart.lines, vat_shares, strict=True), 1)
        ],
    )


def _check_approvals(uow: UnitOfWork, actor: Actor, cart: Cart) -> None:
    """Every changed price and every discount above the limit, as the lines stand now,
    was made by someone allowed to, or approved by an active manager or owner."""
    limit = read_settings(uow).cashier_discount_limit
    needing = [
        line
        for line in cart.lines
        if (line.unit_price != line.list_price and not actor.may(Permission.OVERRIDE_PRICE))
        or (
            line.discount is not None
            and line.discount.percent_of(line.gross) > limit
            and not actor.may(Permission.DISCOUNT_ABOVE_LIMIT)
        )
    ]
    approvers = {line.approved_by for line in needing}
    if not approvers:
        return
    allowed: set[int | None] = set(
        uow.session.scalars(
            select(User.id).where(
                User.id.in_(approvers),
                User.active,
                User.role.in_([Role.OWNER.value, Role.MANAGER.value]),
            )
        )
    )
    if approvers - allowed:
        raise PermissionDenied(
            _(
                "A price or discount in this sale needs a manager's approval. Ask one to approve "
                "it with their PIN."
            )
        )


def stored_vat(rows: Iterable[tuple[Decimal, Decimal, Decimal]]) -> list[VatLine]:
    """The VAT breakdown of recorded lines (rate, total, VAT), as stored: highest rate first."""
    gross: dict[Decimal, Decimal] = {}
    vat: dict[Decimal, Decimal] = {}
    for rate, total, amount in rows:
        gross[rate] = gross.get(rate, ZERO) + total
        vat[rate] = vat.get(rate, ZERO) + amount
    return [VatLine(rate, gross[rate], vat[rate]) for rate in sorted(gross, reverse=True)]


def recorded_sale(uow: UnitOfWork, sale_uuid: str) -> CompletedSale | None:
    """The sale or refund already recorded under this UUID, if any.

    Raises SaleIncomplete when that UUID was voided: it can never be completed.
    """
    with uow:
        sale = uow.session.scalar(select(Sale).where(Sale.uuid == sale_uuid))
        if sale is None:
            return None
        if sale.receipt_number is None:
            raise SaleIncomplete(_("This sale was voided. Start a new sale."))
        till_code = uow.session.get_one(Till, sale.till_id).code
        vat_rows = uow.session.execute(
            select(SaleLine.vat_rate, func.sum(SaleLine.total), func.sum(SaleLine.vat_amount))
            .where(SaleLine.sale_id == sale.id)
            .group_by(SaleLine.vat_rate)
        ).all()
        payments = uow.session.execute(
            select(Payment.amount, Payment.tendered).where(Payment.sale_id == sale.id)
        ).all()
        return CompletedSale(
            sale_id=sale.id,
            uuid=sale.uuid,
            till_code=till_code,
            receipt_number=sale.receipt_number,
            kind=sale.kind,
            total=sale.total,
            change=sum((t - a for a, t in payments), ZERO),
            vat=stored_vat(vat_rows),
            completed_at=sale.completed_at,
            replayed=True,
            loyalty=loyalty.read_outcome(uow, sale.id, sale.customer_id),
        )


def void_sale(
    uow: UnitOfWork, actor: Actor, cart: Cart, reason: str, approver: Actor | None = None
) -> None:
    """Cancel the sale being rung up; it is kept (without a receipt number) for the owner."""
    require(actor, Permission.SELL)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Say why the sale is voided."))
    by = require(actor, Permission.VOID_PAID_SALE, approver) if cart.payments else actor
    if actor.user_id is None:
        raise InvalidInput(_("A sale is voided by a signed-in user."))
    with uow.writing():
        conn = uow.connection
        conn.execute(_FORGET_OPEN_CART, {"cart_uuid": cart.uuid})
        recorded = conn.execute(
            select(Sale.status, Sale.receipt_number, Till.code)
            .join(Till, Sale.till_id == Till.id)
            .where(Sale.uuid == cart.uuid)
        ).first()
        if recorded is not None:
            status, number, till_code = recorded
            if status == "voided":
                uow.commit()  # voided already: nothing more to do
                return
            raise InvalidInput(
                _(
                    "This sale was already completed as receipt {till}-{number}. Refund it instead."
                ).format(till=till_code, number=number)
            )
        if cart.lines:
            sale_id = conn.execute(
                _INSERT_SALE,
                {
                    "uuid": cart.uuid,
                    "kind": "sale",
                    "status": "voided",
                    "till_id": cart.till_id,
                    "shift_id": open_shift_id(uow, cart.till_id),
                    "receipt_number": None,
                    "user_id": actor.user_id,
                    "customer_id": cart.customer_id,
                    "refund_of_id": None,
                    "started_at": cart.started_at,
                    "completed_at": uow.now(),
                    "total": cart.total,
                    "reason": reason,
                },
            ).scalar_one()
            _insert_lines(uow, sale_id, cart)
            audit.record(
                uow,
                actor,
                "sale_voided",
                {
                    "uuid": cart.uuid,
                    "total": cart.total,
                    "reason": reason,
                    "approved_by": by.user_id,
                },
                till_id=cart.till_id,
            )
        uow.commit()
