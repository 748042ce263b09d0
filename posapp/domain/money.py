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


def parse_amount(text: str) -> Decimal:
    """Read a euro amount typed by a person or found in a CSV file.

    Accepts a dot or a comma as the decimal separator ("3.45", "3,45", "€ 3,45")
    and at most two decimals. Raises ValueError with a readable reason.
    """
    cleaned = text.strip().replace("€", "").replace("EUR", "").replace(" ", "").replace(",", ".")
    if not cleaned:
        raise ValueError("empty amount")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not an amount: {text.strip()!r}") from None
    if not value.is_finite():
        raise ValueError(f"not an amount: {text.strip()!r}")
    if value != to_cents(value):
        raise ValueError(f"more than two decimals: {text.strip()!r}")
    return to_cents(value)


def cents(amount: Decimal) -> int:
    """Whole cents of an amount already rounded to cents (how amounts are stored)."""
    return int(to_cents(amount) * 100)


def from_cents(value: int) -> Decimal:
    return (Decimal(value) / 100).quantize(CENT)


def milli(quantity: Decimal) -> int:
    """Thousandths of a quantity (how quantities are stored)."""
    return int(to_grams(quantity) * 1000)


def from_milli(value: int) -> Decimal:
    return (Decimal(value) / 1000).quantize(GRAM)


def plain_quantity(quantity: Decimal) -> str:
    """A quantity as a person writes it: 2, 2.5, 0.355 (no trailing zeros)."""
    return f"{quantity.normalize():f}"
