"""Euro amounts and quantities as Decimal, never float.

Shelf prices include VAT. Amounts are rounded half-up to cents; weighed
quantities are kept to the gram (three decimals).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
GRAM = Decimal("0.001")
ZERO = Decimal("0.00")


def to_cents(amount: Decimal) -> Decimal:
    """Round an amount half-up to whole cents."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def to_grams(quantity: Decimal) -> Decimal:
    """Round a quantity half-up to three decimals."""
    return quantity.quantize(GRAM, rounding=ROUND_HALF_UP)


def parse_number(text: str) -> Decimal:
    """A number a person typed or a file holds: "2,35", "2.35", "€ 2,35", "20", "0,355".

    A comma and a point both mark decimals (a till keypad has one key for it);
    spaces and a euro sign are ignored. Raises ValueError with a readable reason.
    """
    cleaned = text.strip()
    for noise in ("€", "EUR", " ", "\xa0"):
        cleaned = cleaned.replace(noise, "")
    cleaned = cleaned.replace(",", ".")
    if not cleaned:
        raise ValueError("empty amount")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not an amount: {text.strip()!r}") from None
    if not value.is_finite():
        raise ValueError(f"not an amount: {text.strip()!r}")
    return value


def parse_amount(text: str) -> Decimal:
    """A euro amount (see parse_number) with at most two decimals; ValueError otherwise."""
    value = parse_number(text)
    if value != to_cents(value):
        raise ValueError(f"more than two decimals: {text.strip()!r}")
    return to_cents(value)


def plain_quantity(quantity: Decimal) -> str:
    """A quantity as a person writes it: 2, 2.5, 0.355 (no trailing zeros)."""
    return f"{quantity.normalize():f}"
