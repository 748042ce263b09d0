"""What a roll receipt says, row by row, in the receipt's language: one layout for every medium.

:func:`receipt_rows` turns a :class:`~posapp.output.receipt.Receipt` into a list of
rows (a centred text, a text with an amount on the right, a table row, a rule, a
barcode). The roll renderers only draw rows: the PDF in a proportional font, the
ESC/POS and plain-text renderers in fixed columns. So a receipt says the same on
paper from a thermal printer, in a PDF and in a log, and a text is translated once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeAlias

from babel.support import NullTranslations

from posapp.domain.cart import PaymentMethod
from posapp.i18n import N_, translations
from posapp.output.formatting import (
    format_amount,
    format_day,
    format_moment,
    format_money,
    format_percent,
    format_quantity,
)
from posapp.output.receipt import Receipt, ReceiptLine, ReceiptLoyalty

__all__ = [
    "Barcode",
    "Logo",
    "Pair",
    "Row",
    "Rule",
    "Table",
    "Text",
    "line_rows",
    "loyalty_rows",
    "method_name",
    "payment_rows",
    "receipt_rows",
]

Align: TypeAlias = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Text:
    """A paragraph, wrapped to the width; `large` is the double size of a thermal printer."""

    text: str
    align: Align = "left"
    bold: bool = False
    large: bool = False


@dataclass(frozen=True)
class Pair:
    """A text on the left and an amount on the right of the same line."""

    left: str
    right: str
    bold: bool = False
    large: bool = False
    indent: bool = False  # a detail of the line above (quantity, discount)


@dataclass(frozen=True)
class Table:
    """A row of a small table: the first cell on the left, the others right-aligned columns."""

    cells: tuple[str, ...]
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    """A dividing line."""


@dataclass(frozen=True)
class Barcode:
    """A barcode with its text: Code 128 of the receipt, EAN-13 of a voucher."""

    symbology: Literal["code128", "ean13"]
    data: str


@dataclass(frozen=True)
class Logo:
    """The shop's logo (drawn on PDF receipts only)."""

    path: Path


Row: TypeAlias = Text | Pair | Table | Rule | Barcode | Logo
TIMES = "\N{MULTIPLICATION SIGN}"

COPY = N_("COPY")
REFUND = N_("REFUND")
VAT_NUMBER = N_("VAT No. {number}")
RECEIPT_NUMBER = N_("Receipt {number}")
TILL = N_("Till {till}")
CASHIER = N_("Cashier: {name}")
REFUND_OF = N_("Refund of receipt {number}")
REASON = N_("Reason: {reason}")
BUYER = N_("Buyer: {name}")
DISCOUNT = N_("Discount")
TOTAL = N_("TOTAL")
VAT_RATE = N_("VAT {rate}")
VAT = N_("VAT")
NET = N_("Net")
GROSS = N_("Gross")
CHANGE = N_("Change")
TENDERED = N_("{method} tendered")
STAGE = N_("Stage: {stage}")
POINTS_EARNED = N_("Points earned")
POINTS_SPENT = N_("Points spent")
POINTS_BALANCE = N_("Points balance")
VALID_UNTIL = N_("Valid until {date}")
_METHODS = {
    PaymentMethod.CASH: N_("Cash"),
    PaymentMethod.CARD: N_("Card"),
    PaymentMethod.VOUCHER: N_("Voucher"),
    PaymentMethod.POINTS: N_("Points"),
}


def method_name(method: PaymentMethod, texts: NullTranslations) -> str:
    return texts.gettext(_METHODS[method])


def receipt_rows(receipt: Receipt) -> list[Row]:
    """The rows of a roll receipt, top to bottom."""
    texts = translations(receipt.language)
    language = receipt.language
    rows: list[Row] = []
    if receipt.logo is not None:
        rows.append(Logo(receipt.logo))
    rows.extend(_header(receipt, texts))
    rows.append(Rule())
    for line in receipt.lines:
        rows.extend(line_rows(line, language, texts))
    rows.append(Rule())
    rows.append(
        Pair(texts.gettext(TOTAL), format_money(receipt.total, language), bold=True, large=True)
    )
    rows.extend(payment_rows(receipt, texts))
    rows.append(Rule())
    rows.append(
        Table(
            (
                texts.gettext(VAT),
                texts.gettext(NET),
                texts.gettext(VAT),
                texts.gettext(GROSS),
            ),
            bold=True,
        )
    )
    for vat in receipt.vat:
        rows.append(
            Table(
                (
                    texts.gettext(VAT_RATE).format(rate=format_percent(vat.rate, language)),
                    format_amount(vat.net, language),
                    format_amount(vat.vat, language),
                    format_amount(vat.gross, language),
                )
            )
        )
    if receipt.loyalty is not None:
        rows.append(Rule())
        rows.extend(loyalty_rows(receipt.loyalty, language, texts))
    rows.append(Rule())
    rows.append(Barcode("code128", receipt.code))
    rows.extend(Text(line, align="center") for line in receipt.footer)
    if receipt.copy:
        rows.append(Text(texts.gettext(COPY), align="center", bold=True, large=True))
    return rows


def _header(receipt: Receipt, texts: NullTranslations) -> list[Row]:
    shop = receipt.shop
    rows: list[Row] = [Text(shop.name, align="center", bold=True, large=True)]
    if shop.address:
        rows.append(Text(shop.address, align="center"))
    if shop.vat_number:
        rows.append(Text(texts.gettext(VAT_NUMBER).format(number=shop.vat_number), align="center"))
    rows.extend(Text(line, align="center") for line in shop.lines)
    if receipt.copy:
        rows.append(Text(texts.gettext(COPY), align="center", bold=True, large=True))
    if receipt.is_refund:
        rows.append(Text(texts.gettext(REFUND), align="center", bold=True, large=True))
    rows.append(Rule())
    rows.append(
        Pair(
            texts.gettext(RECEIPT_NUMBER).format(number=receipt.number),
            format_moment(receipt.completed_at, receipt.language, receipt.time_zone),
            bold=True,
        )
    )
    rows.append(
        Pair(
            texts.gettext(TILL).format(till=receipt.till_code),
            texts.gettext(CASHIER).format(name=receipt.cashier),
        )
    )
    if receipt.refund_of is not None:
        rows.append(Text(texts.gettext(REFUND_OF).format(number=receipt.refund_of)))
    if receipt.refund_reason:
        rows.append(Text(texts.gettext(REASON).format(reason=receipt.refund_reason)))
    if receipt.buyer is not None:
        rows.append(Text(texts.gettext(BUYER).format(name=receipt.buyer.name)))
        if receipt.buyer.vat_number:
            rows.append(Text(texts.gettext(VAT_NUMBER).format(number=receipt.buyer.vat_number)))
    return rows


def line_rows(line: ReceiptLine, language: str, texts: NullTranslations) -> list[Row]:
    """A sold line: its name and total, then how many at what price, then a discount."""
    rows: list[Row] = [Pair(line.name, format_amount(line.total, language))]
    if line.by_weight or abs(line.quantity) != 1 or line.discount:
        rows.append(Pair(unit_price_text(line, language), "", indent=True))
    if line.discount:
        rows.append(
            Pair(texts.gettext(DISCOUNT), format_amount(-line.discount, language), indent=True)
        )
    return rows


def unit_price_text(line: ReceiptLine, language: str) -> str:
    """ "2 x 2,35" or "0,352 kg x 12,90/kg" (with a multiplication sign for the x)."""
    quantity = format_quantity(line.quantity, line.by_weight, language)
    price = format_amount(line.unit_price, language)
    return f"{quantity} {TIMES} {price}" + ("/kg" if line.by_weight else "")


def payment_rows(receipt: Receipt, texts: NullTranslations) -> list[Row]:
    """How it was paid: each payment (cash with what was handed over), then the change."""
    language = receipt.language
    rows: list[Row] = []
    for payment in receipt.payments:
        name = method_name(payment.method, texts)
        if payment.tendered != payment.amount:
            rows.append(
                Pair(
                    texts.gettext(TENDERED).format(method=name),
                    format_amount(payment.tendered, language),
                )
            )
        else:
            rows.append(Pair(name, format_amount(payment.amount, language)))
    if receipt.change:
        rows.append(Pair(texts.gettext(CHANGE), format_amount(receipt.change, language), bold=True))
    return rows


def loyalty_rows(loyalty: ReceiptLoyalty, language: str, texts: NullTranslations) -> list[Row]:
    """The loyalty block: who, the points of this sale, what comes next, vouchers, thanks."""
    rows: list[Row] = [Text(loyalty.customer_name, align="center", bold=True)]
    if loyalty.stage:
        rows.append(Text(texts.gettext(STAGE).format(stage=loyalty.stage), align="center"))
    if loyalty.points_earned:
        rows.append(Pair(texts.gettext(POINTS_EARNED), f"+{loyalty.points_earned}"))
    if loyalty.points_spent:
        rows.append(Pair(texts.gettext(POINTS_SPENT), f"-{loyalty.points_spent}"))
    if loyalty.balance is not None:
        rows.append(Pair(texts.gettext(POINTS_BALANCE), str(loyalty.balance), bold=True))
    if loyalty.next_reward_name and loyalty.points_to_next_reward > 0:
        count = loyalty.points_to_next_reward
        rows.append(
            Text(
                texts.ngettext(
                    "{count} point to your next {reward}",
                    "{count} points to your next {reward}",
                    count,
                ).format(count=count, reward=loyalty.next_reward_name),
                align="center",
            )
        )
    if loyalty.expiring_points and loyalty.expiring_on is not None:
        count = loyalty.expiring_points
        rows.append(
            Text(
                texts.ngettext(
                    "{count} point expires on {date}",
                    "{count} points expire on {date}",
                    count,
                ).format(count=count, date=format_day(loyalty.expiring_on, language)),
                align="center",
            )
        )
    for voucher in loyalty.vouchers:
        rows.append(Text(voucher.description, align="center", bold=True))
        rows.append(Barcode("ean13", voucher.code))
        rows.append(
            Text(
                texts.gettext(VALID_UNTIL).format(date=format_day(voucher.expires_on, language)),
                align="center",
            )
        )
    if loyalty.thank_you:
        rows.append(Text(loyalty.thank_you, align="center"))
    if loyalty.rating_invitation:
        rows.append(Text(loyalty.rating_invitation, align="center"))
    return rows
