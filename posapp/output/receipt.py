"""The receipt as a document: what one printed receipt says, whatever it is printed on.

A :class:`Receipt` is built from a sale committed in the database
(posapp.services.receipts.receipt_for), never from the cart on the screen, and
is rendered by pure functions: PDF (posapp.output.receipt_pdf), ESC/POS
(posapp.output.receipt_escpos) and plain text (posapp.output.receipt_text).
Amounts are Decimal, moments aware; the texts a renderer adds come from the
core's catalogue in the receipt's `language`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from posapp.domain.barcodes import is_valid_gtin, receipt_code
from posapp.domain.cart import PaymentMethod
from posapp.domain.money import ZERO
from posapp.domain.vat import VatLine

__all__ = [
    "Buyer",
    "Receipt",
    "ReceiptLine",
    "ReceiptLoyalty",
    "ReceiptPayment",
    "ReceiptVoucher",
    "ShopHeader",
]


@dataclass(frozen=True)
class ShopHeader:
    """Who issued the receipt: the shop's settings, and the lines it prints under them."""

    name: str
    address: str = ""
    vat_number: str = ""
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Buyer:
    """A company buying on an invoice (A4): its name, address and VAT number."""

    name: str
    address: str = ""
    vat_number: str = ""


@dataclass(frozen=True)
class ReceiptLine:
    """One line as recorded: `quantity` is negative on a refund; prices include VAT."""

    name: str
    quantity: Decimal
    by_weight: bool  # quantity in kg, unit_price per kg
    unit_price: Decimal
    discount: Decimal  # the amount taken off the line (0 when none)
    total: Decimal
    vat_rate: Decimal


@dataclass(frozen=True)
class ReceiptPayment:
    method: PaymentMethod
    amount: Decimal  # what it settles (negative when paid back)
    tendered: Decimal  # what was handed over; cash beyond `amount` is change


@dataclass(frozen=True)
class ReceiptVoucher:
    """A voucher issued in this sale, printed as a scannable EAN-13."""

    code: str  # EAN-13 with a correct check digit
    description: str  # e.g. "€5 voucher"
    expires_on: date

    def __post_init__(self) -> None:
        if len(self.code) != 13 or not is_valid_gtin(self.code):
            raise ValueError(f"a voucher code is an EAN-13, got {self.code!r}")


@dataclass(frozen=True)
class ReceiptLoyalty:
    """The loyalty block printed for a known customer.

    Points are whole numbers. `stage` and `next_reward_name` are display texts in
    the receipt's language (e.g. "Client", "€5 voucher"); `next_reward_name` is
    None when there is no next reward to work towards. `expiring_points` expire
    on `expiring_on` (both or neither). `rating_invitation` says how to rate the
    service (PRODUCT.md: ask buyers to rate it).
    """

    customer_name: str
    points_earned: int = 0
    points_spent: int = 0
    balance: int | None = None  # None: not known (printed without points)
    stage: str | None = None
    next_reward_name: str | None = None
    points_to_next_reward: int = 0
    expiring_points: int = 0
    expiring_on: date | None = None
    vouchers: tuple[ReceiptVoucher, ...] = ()
    thank_you: str | None = None
    rating_invitation: str | None = None

    def __post_init__(self) -> None:
        if (self.expiring_points > 0) != (self.expiring_on is not None):
            raise ValueError("expiring_points and expiring_on go together")


@dataclass(frozen=True)
class Receipt:
    """Everything one receipt prints. `completed_at` is aware; shown in `time_zone`."""

    shop: ShopHeader
    language: str
    time_zone: str
    till_code: str
    receipt_number: int
    kind: str  # "sale" or "refund"
    cashier: str
    completed_at: datetime
    lines: tuple[ReceiptLine, ...]
    vat: tuple[VatLine, ...]
    total: Decimal
    payments: tuple[ReceiptPayment, ...]
    footer: tuple[str, ...] = ()
    refund_of: str | None = None  # the original receipt's number, "T1-41"
    refund_reason: str | None = None
    copy: bool = False  # a reprint: marked COPY
    loyalty: ReceiptLoyalty | None = None
    buyer: Buyer | None = None
    logo: Path | None = None  # printed on PDF receipts

    @property
    def number(self) -> str:
        """The receipt's number as people say and type it: "T1-42"."""
        return f"{self.till_code}-{self.receipt_number}"

    @property
    def code(self) -> str:
        """The text of its Code 128 barcode, which the refund screen scans: "RT1-42"."""
        return receipt_code(self.till_code, self.receipt_number)

    @property
    def change(self) -> Decimal:
        return sum((p.tendered - p.amount for p in self.payments), ZERO)

    @property
    def is_refund(self) -> bool:
        return self.kind == "refund"

    @property
    def paid_in_cash(self) -> bool:
        """Cash changed hands (taken or paid back): the drawer has to open."""
        return any(p.method is PaymentMethod.CASH for p in self.payments)
