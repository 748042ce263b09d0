"""Receipts: the document of a committed sale or refund, read back from the database.

A receipt is always built from what was recorded (lines, stored VAT, payments),
never from the cart on the screen, so a reprint a month later says exactly what
the first print said, marked COPY.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import aliased

from posapp.db.models import (
    Customer,
    Payment,
    PointsEntry,
    Product,
    Sale,
    SaleLine,
    Till,
    User,
    Voucher,
)
from posapp.db.uow import UnitOfWork
from posapp.domain.barcodes import ReceiptCode, is_valid_gtin, parse_receipt_number
from posapp.domain.cart import PaymentMethod
from posapp.domain.loyalty import months_before, points_to_expire, stage_name
from posapp.errors import InvalidInput, NotFound
from posapp.i18n import N_, _, language_code, translations
from posapp.output.receipt import (
    Buyer,
    Receipt,
    ReceiptLine,
    ReceiptLoyalty,
    ReceiptPayment,
    ReceiptVoucher,
    ShopHeader,
)
from posapp.services import loyalty
from posapp.services.checkout import stored_vat
from posapp.services.settings import read_settings
from posapp.services.shifts import till_id

EXPIRING_SOON_DAYS = 30  # points that expire within this many days are printed as a warning
THANK_YOU = N_("Thank you, {name}! We are glad to see you.")


def receipt_reference(text: str, this_till: str) -> ReceiptCode:
    """The receipt a person named ("T1-42", or "42" on this till); InvalidInput otherwise."""
    found = parse_receipt_number(text, this_till)
    if found is None:
        raise InvalidInput(
            _("{text} is not a receipt number. Type it as on the receipt, like T1-42.").format(
                text=text
            )
        )
    return found


def sale_on_receipt(uow: UnitOfWork, till_code: str, receipt_number: int) -> Sale:
    """The completed sale or refund with this receipt number, in the caller's transaction."""
    sale = uow.session.scalar(
        select(Sale).where(
            Sale.till_id == till_id(uow, till_code), Sale.receipt_number == receipt_number
        )
    )
    if sale is None:
        raise NotFound(
            _("There is no receipt {till}-{number}. Check the number on the receipt.").format(
                till=till_code, number=receipt_number
            )
        )
    return sale


def receipt_for(
    uow: UnitOfWork,
    till_code: str,
    receipt_number: int,
    *,
    copy: bool = False,
    buyer: Buyer | None = None,
    language: str | None = None,
) -> Receipt:
    """The receipt of a completed sale or refund, in the shop's language unless told.

    `copy` marks a reprint; `buyer` adds a company's details (for an A4 invoice).
    """
    with uow:
        sale = sale_on_receipt(uow, till_code, receipt_number)
        session = uow.session
        settings = read_settings(uow)
        cashier = session.get_one(User, sale.user_id).name
        rows = session.execute(
            select(SaleLine, Product.sold_by, Product.price)
            .join(Product, Product.id == SaleLine.product_id)
            .where(SaleLine.sale_id == sale.id)
            .order_by(SaleLine.line_no)
        ).all()
        payments = session.scalars(
            select(Payment).where(Payment.sale_id == sale.id).order_by(Payment.id)
        ).all()
        refund_of = None
        if sale.refund_of_id is not None:
            original = aliased(Sale)
            original_till, original_number = session.execute(
                select(Till.code, original.receipt_number)
                .join(original, original.till_id == Till.id)
                .where(original.id == sale.refund_of_id)
            ).one()
            refund_of = f"{original_till}-{original_number}"
        logo = Path(settings.receipt_logo) if settings.receipt_logo else None
        return Receipt(
            shop=ShopHeader(
                name=settings.shop_name,
                address=settings.address,
                vat_number=settings.vat_number,
                lines=settings.receipt_header,
            ),
            language=language_code(language or settings.language),
            time_zone=settings.time_zone,
            till_code=till_code,
            receipt_number=receipt_number,
            kind=sale.kind,
            cashier=cashier,
            completed_at=sale.completed_at,
            lines=tuple(
                ReceiptLine(
                    name=line.name,
                    quantity=line.quantity,
                    by_weight=_by_weight(line, sold_by, price),
                    unit_price=line.unit_price,
                    discount=line.discount,
                    total=line.total,
                    vat_rate=line.vat_rate,
                )
                for line, sold_by, price in rows
            ),
            vat=tuple(
                stored_vat((line.vat_rate, line.total, line.vat_amount) for line, *_ in rows)
            ),
            total=sale.total,
            payments=tuple(
                ReceiptPayment(PaymentMethod(p.method), p.amount, p.tendered) for p in payments
            ),
            footer=settings.receipt_footer,
            refund_of=refund_of,
            refund_reason=sale.reason if sale.kind == "refund" else None,
            copy=copy,
            loyalty=_loyalty_block(uow, sale, language_code(language or settings.language)),
            buyer=buyer,
            logo=logo if logo is not None and logo.is_file() else None,
        )


def _by_weight(line: SaleLine, sold_by: str, current_price: Decimal) -> bool:
    """Whether a recorded line's quantity is kilograms.

    Sale lines do not record it, so it is read from the product: goods sold by
    weight, except a scale's price label (quantity 1 at the label's price). A
    weighed line of exactly 1 kg is told from a label by its price being the
    product's price per kilogram.
    """
    if sold_by != "weight":
        return False
    return abs(line.quantity) != 1 or line.unit_price == current_price


def _loyalty_block(uow: UnitOfWork, sale: Sale, language: str) -> ReceiptLoyalty | None:
    """The loyalty block of a sale with a known customer; None without one.

    Read from the ledger, keyed by this sale: the points it earned (referral and
    restored points too) and spent (or, for a refund, took back), the balance
    right after it, the vouchers it issued; and, as of now, the stage, the next
    reward and the points that expire within EXPIRING_SOON_DAYS.
    """
    if sale.customer_id is None:
        return None
    session = uow.session
    name = session.get_one(Customer, sale.customer_id).name
    moved = list(session.scalars(select(PointsEntry.points).where(PointsEntry.sale_id == sale.id)))
    ledger = session.execute(
        select(PointsEntry.at, PointsEntry.points).where(
            PointsEntry.customer_id == sale.customer_id
        )
    ).all()
    vouchers = tuple(
        ReceiptVoucher(code, description, expires_on)
        for code, description, expires_on in session.execute(
            select(Voucher.code, Voucher.name, Voucher.expires_on)
            .where(Voucher.issued_in_sale_id == sale.id)
            .order_by(Voucher.id)
        )
        if is_valid_gtin(code)  # a code printed as V-… text has no barcode to carry
    )
    summary = loyalty.read_summary(uow, sale.customer_id)
    settings = read_settings(uow)
    expiring, expiring_on = 0, None
    if settings.loyalty.points_expire_months:
        soon = uow.now() + timedelta(days=EXPIRING_SOON_DAYS)
        cutoff = months_before(soon, settings.loyalty.points_expire_months)
        expiring = points_to_expire(((at, points) for at, points in ledger), cutoff)
        expiring_on = settings.local_date(soon) if expiring else None
    texts = translations(language)
    greeted = summary.address_as or name
    return ReceiptLoyalty(
        customer_name=greeted,
        points_earned=sum(points for points in moved if points > 0),
        points_spent=-sum(points for points in moved if points < 0),
        balance=sum(points for at, points in ledger if at <= sale.completed_at),
        stage=stage_name(summary.stage, language),
        next_reward_name=summary.next_reward,
        points_to_next_reward=summary.points_to_next_reward or 0,
        expiring_points=expiring,
        expiring_on=expiring_on,
        vouchers=vouchers,
        thank_you=texts.gettext(THANK_YOU).format(name=greeted),
    )
