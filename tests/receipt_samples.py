"""A hand-made receipt with every part filled in (a loyalty block with a voucher), for the
renderer tests, the benchmark and the sample picture in the README."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

from posapp.domain.barcodes import make_ean13
from posapp.domain.cart import PaymentMethod
from posapp.domain.vat import VatLine
from posapp.output.receipt import (
    Receipt,
    ReceiptLine,
    ReceiptLoyalty,
    ReceiptPayment,
    ReceiptVoucher,
    ShopHeader,
)

VOUCHER_CODE = make_ean13("280000012345")

LOYALTY = ReceiptLoyalty(
    customer_name="Žanete Šķēle",
    points_earned=16,
    points_spent=50,
    balance=460,
    stage="Klients",
    next_reward_name="5 € kupons",
    points_to_next_reward=40,
    expiring_points=120,
    expiring_on=date(2026, 12, 31),
    vouchers=(ReceiptVoucher(VOUCHER_CODE, "5 € kupons", date(2027, 1, 31)),),
    thank_you="Paldies, Žanete, ka esat ar mums!",
    rating_invitation="Novērtējiet mūsu apkalpošanu: pastāstiet kasierim!",
)


def _line(name: str, quantity: str, price: str, rate: int, discount: str = "0") -> ReceiptLine:
    amount = (Decimal(quantity) * Decimal(price)).quantize(Decimal("0.01"))
    return ReceiptLine(
        name=name,
        quantity=Decimal(quantity),
        by_weight="." in quantity,
        unit_price=Decimal(price),
        discount=Decimal(discount),
        total=amount - Decimal(discount),
        vat_rate=Decimal(rate),
    )


LINES = (
    _line("Ķiploku maize ar sieru", "2", "2.35", 12, discount="0.47"),
    _line("Siers (sver)", "0.352", "12.90", 21),
    _line("Kafija Ēģipte", "1", "7.99", 21),
    _line("Rupjmaize", "1", "2.35", 12),
    _line("Piens 2%", "3", "1.19", 12),
    _line("Croissant ar mandelēm", "2", "1.60", 21),
    _line("Ābolu sula 1 l", "1", "2.49", 21),
    _line("Zemeņu ievārījums", "1", "4.20", 21),
    _line("Ūdens gāzēts", "2", "0.89", 21),
    _line("Šokolādes kūka", "1", "3.90", 21),
)


def _vat(lines: tuple[ReceiptLine, ...]) -> tuple[VatLine, ...]:
    gross: dict[Decimal, Decimal] = {}
    for line in lines:
        gross[line.vat_rate] = gross.get(line.vat_rate, Decimal("0.00")) + line.total
    return tuple(
        VatLine(rate, amount, (amount * rate / (100 + rate)).quantize(Decimal("0.01")))
        for rate, amount in sorted(gross.items(), reverse=True)
    )


TOTAL = sum((line.total for line in LINES), Decimal("0.00"))

RECEIPT = Receipt(
    shop=ShopHeader(
        name="Maiznīca Rīts",
        address="Ģertrūdes iela 41, Rīga",
        vat_number="LV40003123456",
        lines=("Atvērts katru dienu 8-20",),
    ),
    language="lv",
    time_zone="Europe/Riga",
    till_code="T1",
    receipt_number=42,
    kind="sale",
    cashier="Līga",
    completed_at=datetime(2026, 12, 1, 8, 5, tzinfo=UTC),
    lines=LINES,
    vat=_vat(LINES),
    total=TOTAL,
    payments=(ReceiptPayment(PaymentMethod.CASH, TOTAL, Decimal("50.00")),),
    footer=("Paldies par pirkumu!",),
    loyalty=LOYALTY,
)

CARD_RECEIPT = replace(
    RECEIPT, payments=(ReceiptPayment(PaymentMethod.CARD, TOTAL, TOTAL),), loyalty=None
)
