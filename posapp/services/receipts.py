"""Receipts: the document of a committed sale or refund, read back from the database.

A receipt is always built from what was recorded (lines, stored VAT, payments),
never from the cart on the screen, so a reprint a month later says exactly what
the first print said, marked COPY.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import aliased

from posapp.db.models import Customer, Payment, Product, Sale, SaleLine, Till, User
from posapp.db.uow import UnitOfWork
from posapp.domain.barcodes import ReceiptCode, parse_receipt_number
from posapp.domain.cart import PaymentMethod
from posapp.errors import InvalidInput, NotFound
from posapp.i18n import _, language_code
from posapp.output.receipt import (
    Buyer,
    Receipt,
    ReceiptLine,
    ReceiptLoyalty,
    ReceiptPayment,
    ShopHeader,
)
from posapp.services.checkout import stored_vat
from posapp.services.settings import read_settings
from posapp.services.shifts import till_id


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
            loyalty=_loyalty_block(uow, sale),
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


def _loyalty_block(uow: UnitOfWork, sale: Sale) -> ReceiptLoyalty | None:
    """The loyalty block of a sale with a known customer; None without one.

    Until the loyalty ledger exists, only the customer's name is known; the
    points, stage, next reward, expiring points, vouchers issued in this sale and
    the thank-you come from the ledger, keyed by this sale.
    """
    if sale.customer_id is None:
        return None
    name = uow.session.get_one(Customer, sale.customer_id).name
    return ReceiptLoyalty(customer_name=name)
